import { quoteIdentifier as q, rawTable, sqlString, type RawTarget } from '../warehouse/sql/identifiers.ts';

/** The landing loader's manifest beside the change logs (docs/cdc.md), as on DuckDB. */
export const MANIFEST_TABLE = '_CDC_MANIFEST';

/**
 * The session's temporary table a landed Parquet file is copied into (its columns are the
 * file's: `partition`, `offset`), then moved into the change log with the RAW names. Unqualified:
 * a temporary table lives in the session's current schema (useSchemaSql) and only there.
 */
export const CDC_STAGING_TABLE = 'LEDGERLINE_CDC_STAGING';

/** The landed file's columns (LANDING_COLUMNS of @ledgerline/cdc) as Snowflake types, in file order; `true` = NOT NULL. */
const FILE_COLUMNS: ReadonlyArray<readonly [string, string, boolean]> = [
  ['TOPIC', 'VARCHAR', true],
  ['PARTITION', 'NUMBER(10,0)', true],
  ['OFFSET', 'NUMBER(19,0)', true],
  ['OP', 'VARCHAR', true],
  ['KEY_JSON', 'VARCHAR', false],
  ['BEFORE_JSON', 'VARCHAR', false],
  ['AFTER_JSON', 'VARCHAR', false],
  ['SOURCE_SCHEMA', 'VARCHAR', true],
  ['SOURCE_TABLE', 'VARCHAR', true],
  ['LSN', 'NUMBER(19,0)', true],
  ['TX_ID', 'NUMBER(19,0)', false],
  ['SOURCE_TS_MS', 'NUMBER(19,0)', true],
  ['TS_MS', 'NUMBER(19,0)', true],
  ['SNAPSHOT', 'VARCHAR', true],
];
/** RAW change-log columns: the file's, `PARTITION`/`OFFSET` renamed (reserved words), then which object loaded the row and when. */
const RAW_NAME: Record<string, string> = { PARTITION: 'KAFKA_PARTITION', OFFSET: 'KAFKA_OFFSET' };
const rawName = (name: string) => RAW_NAME[name] ?? name;

/** DDL (commits any open transaction in Snowflake): before BEGIN. The same columns as DuckDB's raw.cdc_* (change-log-ddl.ts there). */
export function createChangeLogTableSql(target: RawTarget, table: string): string {
  const columns = [
    ...FILE_COLUMNS.map(([name, type, notNull]) => `${q(rawName(name))} ${type}${notNull ? ' NOT NULL' : ''}`),
    '"_OBJECT_KEY" VARCHAR NOT NULL',
    '"_LOADED_AT" TIMESTAMP_TZ NOT NULL',
  ];
  return `CREATE TABLE IF NOT EXISTS ${rawTable(target, table)} (${columns.join(', ')})`;
}

/** One row per landed object in the warehouse (the version loaded). PRIMARY KEY is not enforced by Snowflake: the loader keeps it one row per key. */
export function createManifestSql(target: RawTarget): string {
  return `CREATE TABLE IF NOT EXISTS ${rawTable(target, MANIFEST_TABLE)} ("OBJECT_KEY" VARCHAR NOT NULL, "ETAG" VARCHAR NOT NULL, "ROWS" NUMBER(19,0) NOT NULL, "TABLE_NAME" VARCHAR NOT NULL, "LOADED_AT" TIMESTAMP_TZ NOT NULL, PRIMARY KEY ("OBJECT_KEY"))`;
}

/** DDL, before BEGIN: a fresh, empty staging table per object. No NOT NULL here: the inspector and the change log's own constraints judge rows. */
export function createCdcStagingSql(): string {
  return `CREATE OR REPLACE TEMPORARY TABLE ${CDC_STAGING_TABLE} (${FILE_COLUMNS.map(([name, type]) => `${q(name)} ${type}`).join(', ')})`;
}

/**
 * The session's temporary named stage the landed files are PUT into (in the session's current
 * schema; Snowflake drops it with the session). A named stage and one path per object rather than
 * the staging table's own stage and FILES = (...): the same statements then run on fakesnow too
 * (tools/snowflake-dialect/cdc-load-fakesnow.spec.ts), which has neither table stages nor FILES.
 */
export const CDC_STAGE = 'LEDGERLINE_CDC_STAGE';

/** DDL, before BEGIN: once per session. */
export function createCdcStageSql(): string {
  return `CREATE TEMPORARY STAGE IF NOT EXISTS ${CDC_STAGE}`;
}

/** The stage path of one object: its key with every character but [A-Za-z0-9_-] as `_`, so two objects never share one. */
export function stagePathOf(key: string): string {
  return key.replace(/\.parquet$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Uploads the landed Parquet file to the object's own stage path, as is (Parquet compresses itself); OVERWRITE: a retry uploads it again. */
export function putLandedFileSql(localPath: string, stagePath: string): string {
  return `PUT ${sqlString(`file://${localPath}`)} @${CDC_STAGE}/${stagePath} AUTO_COMPRESS = FALSE OVERWRITE = TRUE`;
}

/**
 * Loads the one file under the object's stage path into the staging table, by column name.
 * FORCE: the staging table is new for every object, and a rewritten object must load again (the
 * manifest, not COPY's load history, decides what is loaded); PURGE: the stage keeps nothing;
 * ABORT_STATEMENT: a file that does not read whole loads nothing.
 */
export function copyLandedFileSql(stagePath: string): string {
  return `COPY INTO ${CDC_STAGING_TABLE} FROM @${CDC_STAGE}/${stagePath}/ FILE_FORMAT = (TYPE = PARQUET) MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE ON_ERROR = ABORT_STATEMENT PURGE = TRUE FORCE = TRUE`;
}

export function countStagedRowsSql(): string {
  return `SELECT COUNT(*) AS "N" FROM ${CDC_STAGING_TABLE}`;
}

/** Binds: object key. The rows an earlier version of the same object loaded (only run when the manifest has one: DELETE takes a table lock). */
export function deleteObjectRowsSql(target: RawTarget, table: string): string {
  return `DELETE FROM ${rawTable(target, table)} WHERE "_OBJECT_KEY" = ?`;
}

/** Binds: object key. The staged rows into the change log, in offset order. */
export function insertStagedRowsSql(target: RawTarget, table: string): string {
  const names = FILE_COLUMNS.map(([name]) => q(rawName(name)));
  const source = FILE_COLUMNS.map(([name]) => q(name));
  return `INSERT INTO ${rawTable(target, table)} (${[...names, '"_OBJECT_KEY"', '"_LOADED_AT"'].join(', ')}) SELECT ${[...source, '?', 'CURRENT_TIMESTAMP()'].join(', ')} FROM ${CDC_STAGING_TABLE} ORDER BY "OFFSET"`;
}

const MANIFEST_COLUMNS = `"OBJECT_KEY", "ETAG", "ROWS", "TABLE_NAME", "LOADED_AT"`;

/** Binds: object key. Read inside the load transaction. */
export function selectManifestEntrySql(target: RawTarget): string {
  return `SELECT ${MANIFEST_COLUMNS} FROM ${rawTable(target, MANIFEST_TABLE)} WHERE "OBJECT_KEY" = ?`;
}

/** Binds: key prefix. */
export function selectManifestSql(target: RawTarget): string {
  return `SELECT ${MANIFEST_COLUMNS} FROM ${rawTable(target, MANIFEST_TABLE)} WHERE STARTSWITH("OBJECT_KEY", ?) ORDER BY "OBJECT_KEY"`;
}

/** Binds: object key. The older version's row, when a rewritten object replaces it. */
export function deleteManifestEntrySql(target: RawTarget): string {
  return `DELETE FROM ${rawTable(target, MANIFEST_TABLE)} WHERE "OBJECT_KEY" = ?`;
}

/**
 * Binds: object key, etag, rows, table name. A plain INSERT, not a MERGE: a new object's load
 * then only INSERTs, which take no lock another session's load waits for (a loader killed
 * mid-transaction leaves a detached transaction whose locks Snowflake holds until it aborts it).
 */
export function insertManifestEntrySql(target: RawTarget): string {
  return `INSERT INTO ${rawTable(target, MANIFEST_TABLE)} (${MANIFEST_COLUMNS}) SELECT ?, ?, ?, ?, CURRENT_TIMESTAMP()`;
}
