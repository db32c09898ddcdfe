import type { SyncColumn, SyncColumnType, SyncTableSpec } from '@ledgerline/warehouse-sync';

/** A column as the operational database describes it (information_schema). */
export interface SourceColumn {
  readonly table: string;
  readonly name: string;
  /** information_schema data_type, e.g. 'numeric', 'timestamp with time zone', 'text'. */
  readonly dataType: string;
  readonly numericScale: number | null;
}

export interface AddedColumn {
  readonly table: string;
  readonly column: SyncColumn;
  readonly dataType: string;
}

export interface DriftProblem {
  readonly table: string;
  readonly column: string;
  /** True when the sync cannot run until it is fixed (a configured column is gone). */
  readonly blocking: boolean;
  /** What is wrong and exactly what to do about it. */
  readonly advice: string;
}

export interface ColumnDriftPlan {
  /** The specs to sync with: the configured ones plus every new column that maps to a RAW type. */
  readonly specs: SyncTableSpec[];
  readonly added: AddedColumn[];
  /** New columns that cannot be synced as they are, and configured columns Postgres no longer has. */
  readonly problems: DriftProblem[];
}

// Change tracking and sync bookkeeping; never data.
const IGNORED = new Set(['change_seq', 'change_xid']);

/**
 * RAW type for a Postgres type. Everything that is not exactly representable otherwise travels
 * as text (numeric without scale 2, dates, json, uuid): lossless, and typed later in dbt.
 */
export function rawTypeFor(column: Pick<SourceColumn, 'dataType' | 'numericScale'>): SyncColumnType | undefined {
  const type = column.dataType.toLowerCase();
  if (type === 'numeric') return column.numericScale === 2 ? 'money' : column.numericScale === 8 ? 'decimal' : 'string';
  if (type === 'timestamp with time zone') return 'timestamp';
  if (type === 'boolean') return 'boolean';
  if (type === 'bigint') return 'bigint';
  if (type === 'integer' || type === 'smallint') return 'integer';
  if (['text', 'character varying', 'character', 'date', 'uuid', 'json', 'jsonb', 'real', 'double precision'].includes(type)) return 'string';
  return undefined;
}

/**
 * Compares the configured sync specs with the columns Postgres has now. A new column whose type
 * maps to a RAW type is added to the spec (the warehouse's ensureSchema then adds it, nullable);
 * anything else is a problem with advice. Column names that the RAW contract reserves (leading
 * underscore) or that are not snake_case identifiers are problems too.
 */
export function planColumnDrift(specs: readonly SyncTableSpec[], columns: readonly SourceColumn[]): ColumnDriftPlan {
  const added: AddedColumn[] = [];
  const problems: DriftProblem[] = [];
  const planned = specs.map((spec) => {
    const present = columns.filter((c) => c.table === spec.name && !IGNORED.has(c.name));
    if (present.length === 0) return spec; // table not visible: the sync itself will report it
    const known = new Set(spec.columns.map((c) => c.name));
    for (const name of known) {
      if (!present.some((c) => c.name === name)) {
        problems.push({
          table: spec.name,
          column: name,
          blocking: true,
          advice: `Postgres ${spec.name} has no column ${name} any more; the sync selects it and will fail. ` +
            `Restore the column, or remove it from the ${spec.name} sync spec (libs/domain/warehouse-sync/src/tables/default-sync-tables.ts).`,
        });
      }
    }
    const extra: SyncColumn[] = [];
    for (const column of present.filter((c) => !known.has(c.name))) {
      const type = rawTypeFor(column);
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(column.name)) {
        problems.push({
          table: spec.name,
          column: column.name,
          blocking: false,
          advice: `column name ${column.name} is not a lower-case snake_case identifier (or starts with _, which RAW reserves); ` +
            `rename it in a Postgres migration to sync it.`,
        });
      } else if (!type) {
        problems.push({
          table: spec.name,
          column: column.name,
          blocking: false,
          advice: `Postgres type ${column.dataType} has no RAW equivalent; it is not synced. Add a migration that stores it as ` +
            `text, numeric(15,2), timestamptz, boolean, bigint or integer, then run \`analytics sync --full\`.`,
        });
      } else {
        const sync = { name: column.name, type };
        extra.push(sync);
        added.push({ table: spec.name, column: sync, dataType: column.dataType });
      }
    }
    return extra.length > 0 ? { ...spec, columns: [...spec.columns, ...extra] } : spec;
  });
  return { specs: planned, added, problems };
}
