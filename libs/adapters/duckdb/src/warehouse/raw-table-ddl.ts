import type { SyncColumnType, SyncTableSpec } from '@ledgerline/warehouse-sync';
import { quoteIdentifier as q } from '../connection/sql-text.ts';

/** The RAW contract's SQL types in DuckDB (docs/conventions.md: money decimal(15,2), timestamptz). */
export const DUCKDB_TYPES: Record<SyncColumnType, string> = {
  string: 'VARCHAR',
  money: 'DECIMAL(15,2)',
  decimal: 'DECIMAL(28,8)',
  timestamp: 'TIMESTAMPTZ',
  boolean: 'BOOLEAN',
  bigint: 'BIGINT',
  integer: 'INTEGER',
};

/**
 * Staging types: what the appender writes. Money and timestamps travel as the port's strings
 * and are cast by DuckDB in the MERGE, which is exact for decimals (no float on the way).
 */
export const STAGING_TYPES: Record<SyncColumnType, string> = {
  string: 'VARCHAR',
  money: 'VARCHAR',
  decimal: 'VARCHAR',
  timestamp: 'VARCHAR',
  boolean: 'BOOLEAN',
  bigint: 'BIGINT',
  integer: 'INTEGER',
};

export const SYNC_STATE_TABLE = '_sync_state';

export function rawTable(schema: string, table: string): string {
  return `${q(schema)}.${q(table)}`;
}

/** The data table with the sync columns. The key is the primary key: a duplicate is a bug, not data. */
export function createRawTableSql(schema: string, spec: SyncTableSpec): string {
  const columns = spec.columns.map((c) => `${q(c.name)} ${DUCKDB_TYPES[c.type]}${c.name === spec.key ? ' PRIMARY KEY' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${rawTable(schema, spec.name)} (
    ${columns.join(',\n    ')},
    _change_seq BIGINT NOT NULL,
    _deleted BOOLEAN NOT NULL,
    _synced_at TIMESTAMPTZ NOT NULL
  )`;
}

/** `raw._sync_state` exactly as the RAW contract describes it. */
export function createSyncStateSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${rawTable(schema, SYNC_STATE_TABLE)} (
    table_name VARCHAR PRIMARY KEY,
    watermark BIGINT,
    xmin_horizon BIGINT,
    updated_at TIMESTAMPTZ NOT NULL
  )`;
}

export function addColumnSql(schema: string, table: string, column: { name: string; type: SyncColumnType }): string {
  return `ALTER TABLE ${rawTable(schema, table)} ADD COLUMN ${q(column.name)} ${DUCKDB_TYPES[column.type]}`;
}
