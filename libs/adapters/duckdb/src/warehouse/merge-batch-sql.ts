import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { DUCKDB_TYPES, rawTable, STAGING_TYPES } from './raw-table-ddl.ts';

export const STAGING_TABLE = 'ledgerline_sync_staging';

/** A temp table shaped like the batch: data columns, then _change_seq and _deleted. */
export function createStagingSql(spec: SyncTableSpec): string {
  const columns = spec.columns.map((c) => `${q(c.name)} ${STAGING_TYPES[c.type]}`);
  return `CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} (${columns.join(', ')}, _change_seq BIGINT, _deleted BOOLEAN)`;
}

/**
 * MERGE the staged batch by key, last batch wins: a live row replaces every column; a tombstone
 * keeps the last known values and sets _deleted; a key never seen is inserted either way.
 * now() is the transaction's start, so every row of the batch carries the same _synced_at.
 * `source` is any relation with the staging table's columns (the window loader reads a CSV).
 */
export function mergeStagingSql(schema: string, spec: SyncTableSpec, source: string = STAGING_TABLE): string {
  const key = q(spec.key);
  const typed = spec.columns.map((c) => `CAST(${q(c.name)} AS ${DUCKDB_TYPES[c.type]}) AS ${q(c.name)}`).join(', ');
  const dataColumns = spec.columns.filter((c) => c.name !== spec.key);
  const setLive = [...dataColumns.map((c) => `${q(c.name)} = s.${q(c.name)}`), '_change_seq = s._change_seq', '_deleted = false', '_synced_at = now()'];
  const allColumns = [...spec.columns.map((c) => q(c.name)), '_change_seq', '_deleted', '_synced_at'];
  const values = [...spec.columns.map((c) => `s.${q(c.name)}`), 's._change_seq', 's._deleted', 'now()'];
  return `MERGE INTO ${rawTable(schema, spec.name)} AS t
    USING (SELECT ${typed}, _change_seq, _deleted FROM ${source}) AS s
    ON t.${key} = s.${key}
    WHEN MATCHED AND s._deleted THEN UPDATE SET _change_seq = s._change_seq, _deleted = true, _synced_at = now()
    WHEN MATCHED THEN UPDATE SET ${setLive.join(', ')}
    WHEN NOT MATCHED THEN INSERT (${allColumns.join(', ')}) VALUES (${values.join(', ')})`;
}

/**
 * Into an empty RAW table no key can match: a plain INSERT of the same values as the MERGE's.
 * `source` has the RAW types already (the window's typed read_csv): no casts.
 */
export function insertTypedSql(schema: string, spec: SyncTableSpec, source: string): string {
  const allColumns = [...spec.columns.map((c) => q(c.name)), '_change_seq', '_deleted', '_synced_at'];
  return `INSERT INTO ${rawTable(schema, spec.name)} (${allColumns.join(', ')})
    SELECT ${allColumns.slice(0, -1).join(', ')}, now() FROM ${source}`;
}
