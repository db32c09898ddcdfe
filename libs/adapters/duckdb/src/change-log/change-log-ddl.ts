import { changeLogTableName, type LandedObjectName } from '@ledgerline/cdc';
import { quoteIdentifier as q } from '../connection/sql-text.ts';

export const MANIFEST_TABLE = '_cdc_manifest';

/**
 * RAW change-log columns, in order: the landed file's columns (`partition`/`offset` renamed to
 * `kafka_partition`/`kafka_offset`: reserved words in Snowflake and DuckDB), then which object
 * loaded the row and when.
 */
export const CHANGE_LOG_COLUMNS_SQL = `
  topic VARCHAR NOT NULL,
  kafka_partition INTEGER NOT NULL,
  kafka_offset BIGINT NOT NULL,
  op VARCHAR NOT NULL,
  key_json VARCHAR,
  before_json VARCHAR,
  after_json VARCHAR,
  source_schema VARCHAR NOT NULL,
  source_table VARCHAR NOT NULL,
  lsn BIGINT NOT NULL,
  tx_id BIGINT,
  source_ts_ms BIGINT NOT NULL,
  ts_ms BIGINT NOT NULL,
  snapshot VARCHAR NOT NULL,
  _object_key VARCHAR NOT NULL,
  _loaded_at TIMESTAMPTZ NOT NULL`;

/** The select list that maps a landed file's columns onto the RAW columns (object key and time bound as $key/$loaded_at). */
export const SELECT_LANDED_COLUMNS_SQL = `topic, "partition", "offset", op, key_json, before_json, after_json,
  source_schema, source_table, lsn, tx_id, source_ts_ms, ts_ms, snapshot, $key, CAST($loaded_at AS TIMESTAMPTZ)`;

export function changeLogTable(schema: string, name: Pick<LandedObjectName, 'schema' | 'table'>): string {
  return `${q(schema)}.${q(changeLogTableName(name))}`;
}

export function createChangeLogTableSql(schema: string, name: Pick<LandedObjectName, 'schema' | 'table'>): string {
  return `CREATE TABLE IF NOT EXISTS ${changeLogTable(schema, name)} (${CHANGE_LOG_COLUMNS_SQL})`;
}

export function createManifestSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${q(schema)}.${q(MANIFEST_TABLE)} (
    object_key VARCHAR PRIMARY KEY,
    etag VARCHAR NOT NULL,
    "rows" BIGINT NOT NULL,
    table_name VARCHAR NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL)`;
}
