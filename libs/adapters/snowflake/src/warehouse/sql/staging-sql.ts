import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import { STAGING_TYPES } from './column-types.ts';
import { quoteIdentifier as q, sqlString } from './identifiers.ts';

/**
 * The session's temporary staging table. Unqualified on purpose: a temporary table lives in the
 * session's current schema (the RAW schema, see useSchemaSql) and is invisible to other sessions,
 * so two syncs never see each other's staging rows.
 */
export const STAGING_TABLE = 'LEDGERLINE_SYNC_STAGING';

/** Data columns in spec order, then `_CHANGE_SEQ` and `_DELETED`: the order of binds and CSV fields. */
export function stagingColumns(spec: SyncTableSpec): string[] {
  return [...spec.columns.map((c) => q(c.name)), '"_CHANGE_SEQ"', '"_DELETED"'];
}

/** DDL: in Snowflake it commits any open transaction, so it runs before BEGIN. */
export function createStagingSql(spec: SyncTableSpec): string {
  const columns = [...spec.columns.map((c) => `${q(c.name)} ${STAGING_TYPES[c.type]}`), '"_CHANGE_SEQ" NUMBER(38,0)', '"_DELETED" BOOLEAN'];
  return `CREATE OR REPLACE TEMPORARY TABLE ${STAGING_TABLE} (${columns.join(', ')})`;
}

/** One array-bound INSERT (binds: one array of values per row, in stagingColumns order). */
export function insertStagingSql(spec: SyncTableSpec): string {
  const columns = stagingColumns(spec);
  return `INSERT INTO ${STAGING_TABLE} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/**
 * Uploads a local CSV file into the staging table's own stage (`@%table`). The driver gzips it
 * (AUTO_COMPRESS) and uploads it itself; OVERWRITE because a retried batch uploads it again.
 */
export function putStagingFileSql(localPath: string): string {
  return `PUT ${sqlString(`file://${localPath}`)} @%${STAGING_TABLE} AUTO_COMPRESS = TRUE OVERWRITE = TRUE`;
}

/**
 * The CSV format the staged-file path writes (staging-csv.ts): every non-NULL value is enclosed
 * in double quotes, NULL is an empty unenclosed field, and NULL_IF is emptied so no string
 * value (e.g. `\N`) is ever read as NULL.
 */
const STAGING_CSV_FORMAT = `TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '"' EMPTY_FIELD_AS_NULL = TRUE NULL_IF = () COMPRESSION = GZIP`;

/**
 * Loads the uploaded file (by name: a stage may hold other files) into the staging table.
 * FORCE because a retried batch must load the same file again (COPY skips files it already
 * loaded); PURGE removes the file from the stage once loaded.
 */
export function copyIntoStagingSql(stagedFileName: string): string {
  return `COPY INTO ${STAGING_TABLE} FROM @%${STAGING_TABLE} FILES = (${sqlString(stagedFileName)}) FILE_FORMAT = (${STAGING_CSV_FORMAT}) ON_ERROR = ABORT_STATEMENT PURGE = TRUE FORCE = TRUE`;
}
