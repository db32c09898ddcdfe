import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import { fromStaged } from './column-types.ts';
import { quoteIdentifier as q, rawTable, type RawTarget } from './identifiers.ts';
import { STAGING_TABLE } from './staging-sql.ts';

/**
 * MERGE the staged batch by key, last batch wins (the change feed only moves a key forward):
 * - a tombstone of a known key keeps the last known values and sets `_DELETED`;
 * - a live row replaces every column and clears `_DELETED` (also reviving a tombstone);
 * - a key never seen is inserted either way (a tombstone with NULL data columns).
 * CURRENT_TIMESTAMP() is the statement's start, so every row of a batch shares its `_SYNCED_AT`.
 *
 * The source keeps one row per key (its highest `_CHANGE_SEQ`; on a tie the tombstone) even though
 * the domain already collapses a batch: Snowflake fails a MERGE whose source matches a target row
 * twice (ERROR_ON_NONDETERMINISTIC_MERGE) and would insert two rows for a new key, so the adapter
 * must not rely on its caller for that. Within one batch a key's changes come from transactions
 * serialised by that row's lock, so its highest `_CHANGE_SEQ` is its latest state.
 */
export function mergeStagingSql(target: RawTarget, spec: SyncTableSpec): string {
  const key = q(spec.key);
  const source = [
    ...spec.columns.map((c) => {
      const converted = fromStaged(c.type, q(c.name));
      return converted === q(c.name) ? converted : `${converted} AS ${q(c.name)}`;
    }),
    '"_CHANGE_SEQ"',
    '"_DELETED"',
  ];
  const dataColumns = spec.columns.filter((c) => c.name !== spec.key).map((c) => q(c.name));
  const setLive = [
    ...dataColumns.map((c) => `${c} = s.${c}`),
    '"_CHANGE_SEQ" = s."_CHANGE_SEQ"',
    '"_DELETED" = FALSE',
    '"_SYNCED_AT" = CURRENT_TIMESTAMP()',
  ];
  const insertColumns = [...spec.columns.map((c) => q(c.name)), '"_CHANGE_SEQ"', '"_DELETED"', '"_SYNCED_AT"'];
  const insertValues = [...spec.columns.map((c) => `s.${q(c.name)}`), 's."_CHANGE_SEQ"', 's."_DELETED"', 'CURRENT_TIMESTAMP()'];
  return [
    `MERGE INTO ${rawTable(target, spec.name)} AS t`,
    `USING (SELECT\n    ${source.join(',\n    ')}\n  FROM ${STAGING_TABLE}\n  ${latestPerKeySql(key)}) AS s`,
    `ON t.${key} = s.${key}`,
    'WHEN MATCHED AND s."_DELETED" THEN UPDATE SET',
    '    "_CHANGE_SEQ" = s."_CHANGE_SEQ", "_DELETED" = TRUE, "_SYNCED_AT" = CURRENT_TIMESTAMP()',
    `WHEN MATCHED THEN UPDATE SET\n    ${setLive.join(',\n    ')}`,
    `WHEN NOT MATCHED THEN INSERT\n    (${insertColumns.join(', ')})\n  VALUES\n    (${insertValues.join(', ')})`,
  ].join('\n');
}

/** Keeps the latest staged row of each key (see mergeStagingSql). */
export function latestPerKeySql(quotedKey: string): string {
  return `QUALIFY ROW_NUMBER() OVER (PARTITION BY ${quotedKey} ORDER BY "_CHANGE_SEQ" DESC, "_DELETED" DESC) = 1`;
}
