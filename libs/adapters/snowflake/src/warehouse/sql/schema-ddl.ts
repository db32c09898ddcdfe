import type { SyncColumn, SyncTableSpec } from '@ledgerline/warehouse-sync';
import { SNOWFLAKE_TYPES } from './column-types.ts';
import { quoteIdentifier as q, rawSchema, rawTable, type RawTarget } from './identifiers.ts';

export const SYNC_STATE_TABLE = '_sync_state';
export const SYNC_LOCK_TABLE = '_sync_lock';

export function createSchemaSql(target: RawTarget): string {
  return `CREATE SCHEMA IF NOT EXISTS ${rawSchema(target)}`;
}

/** Makes the RAW schema the session's current one: the temporary staging table is created there. */
export function useSchemaSql(target: RawTarget): string {
  return `USE SCHEMA ${rawSchema(target)}`;
}

/**
 * The data table with the sync columns. Snowflake does not enforce PRIMARY KEY; it is declared
 * for readers and tools, and the MERGE by key is what keeps one row per key.
 */
export function createRawTableSql(target: RawTarget, spec: SyncTableSpec): string {
  const columns = spec.columns.map((c) => `${q(c.name)} ${SNOWFLAKE_TYPES[c.type]}${c.name === spec.key ? ' NOT NULL' : ''}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${rawTable(target, spec.name)} (`,
    ...[...columns, '"_CHANGE_SEQ" NUMBER(38,0) NOT NULL', '"_DELETED" BOOLEAN NOT NULL', '"_SYNCED_AT" TIMESTAMP_TZ NOT NULL'].map((c) => `  ${c},`),
    `  PRIMARY KEY (${q(spec.key)})`,
    ')',
  ].join('\n');
}

/** `RAW._SYNC_STATE` exactly as the RAW contract describes it (bigint = NUMBER(38,0)). */
export function createSyncStateSql(target: RawTarget): string {
  return [
    `CREATE TABLE IF NOT EXISTS ${rawTable(target, SYNC_STATE_TABLE)} (`,
    '  "TABLE_NAME" VARCHAR NOT NULL,',
    '  "WATERMARK" NUMBER(38,0),',
    '  "XMIN_HORIZON" NUMBER(38,0),',
    '  "UPDATED_AT" TIMESTAMP_TZ NOT NULL,',
    '  PRIMARY KEY ("TABLE_NAME")',
    ')',
  ].join('\n');
}

/** One row per named lock: who holds it and until when (see sync-lock.ts). */
export function createSyncLockSql(target: RawTarget): string {
  return [
    `CREATE TABLE IF NOT EXISTS ${rawTable(target, SYNC_LOCK_TABLE)} (`,
    '  "LOCK_NAME" VARCHAR NOT NULL,',
    '  "OWNER" VARCHAR NOT NULL,',
    '  "ACQUIRED_AT" TIMESTAMP_TZ NOT NULL,',
    '  "EXPIRES_AT" TIMESTAMP_TZ NOT NULL,',
    '  PRIMARY KEY ("LOCK_NAME")',
    ')',
  ].join('\n');
}

/** One row per column (`name` holds the upper-case column name). */
export function describeTableSql(target: RawTarget, table: string): string {
  return `DESCRIBE TABLE ${rawTable(target, table)}`;
}

/** A column the spec gained later; rows already loaded read NULL in it. */
export function addColumnSql(target: RawTarget, table: string, column: SyncColumn): string {
  return `ALTER TABLE ${rawTable(target, table)} ADD COLUMN ${q(column.name)} ${SNOWFLAKE_TYPES[column.type]}`;
}

/** Binds: schema name, table name (both as Snowflake stores them, upper case). */
export function tableExistsSql(target: RawTarget): string {
  return `SELECT COUNT(*) AS "N" FROM ${q(target.database)}.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'`;
}
