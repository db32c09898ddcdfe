import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier as q } from '../connection/sql-text.ts';
import { createPriceTableSql } from './market-raw-ddl.ts';

/**
 * Why RAW price tables are kept clustered: the market page reads one series (symbol, interval)
 * at a time, and DuckDB skips a row group only when its min/max (zone map) excludes the symbol.
 * Bars arrive in time order across every symbol (a backfill window, a stream minute), so without
 * clustering every row group holds every symbol and each read scans the whole table (508 ms p95
 * at the size). Rewriting the table in CLUSTER_ORDER puts one series in one or two
 * row groups; rows inserted since are an unordered tail that every read scans, so the table is
 * rewritten again once that tail passes the policy's threshold. Newest bar first within a
 * series: the page asks for the newest `limit` bars, and DuckDB's top-N then fills its heap from
 * the first rows it reads and filters the rest in the scan (ascending, every row entered it).
 */
export const CLUSTER_ORDER = '"symbol", "bar_interval", "open_time" DESC';

export const CLUSTERING_STATE_TABLE = 'market_price_clustering';

export interface ClusteringPolicy {
  /** Never rewrite for fewer inserted rows than this (a DuckDB row group holds 122,880). */
  readonly minRows: number;
  /** ...nor for fewer than this fraction of the rows clustered at the last rewrite. */
  readonly fraction: number;
}

export const DEFAULT_CLUSTERING_POLICY: ClusteringPolicy = { minRows: 100_000, fraction: 0.1 };

export function createClusteringStateSql(schema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${q(schema)}.${CLUSTERING_STATE_TABLE} (
    table_name VARCHAR PRIMARY KEY,
    clustered_rows BIGINT NOT NULL,
    inserted_since BIGINT NOT NULL,
    clustered_at TIMESTAMP)`;
}

/** Adds a write's inserted rows to the table's unordered tail; call in the write's transaction. */
export async function noteInsertedRows(db: DuckDBConnection, schema: string, table: string, inserted: number): Promise<void> {
  if (inserted === 0) return;
  await db.run(
    `INSERT INTO ${q(schema)}.${CLUSTERING_STATE_TABLE} VALUES ($1, 0, $2, NULL)
     ON CONFLICT (table_name) DO UPDATE SET inserted_since = inserted_since + excluded.inserted_since`,
    [table, inserted],
  );
}

/** Whether the table's unordered tail has grown past the policy's threshold. */
export async function needsClustering(db: DuckDBConnection, schema: string, table: string, policy: ClusteringPolicy): Promise<boolean> {
  const [row] = (
    await db.runAndReadAll(`SELECT clustered_rows, inserted_since FROM ${q(schema)}.${CLUSTERING_STATE_TABLE} WHERE table_name = $1`, [table])
  ).getRowObjectsJS();
  if (!row) return false;
  const inserted = Number(row.inserted_since);
  return inserted >= Math.max(policy.minRows, policy.fraction * Number(row.clustered_rows));
}

/**
 * Rewrites one RAW price table in CLUSTER_ORDER, in one transaction: a crash or an error
 * leaves the old table as it was (DuckDB's DDL is transactional). Every row and value is
 * carried over unchanged (same DDL, INSERT ... SELECT *); only the physical order changes.
 * Returns the rows rewritten.
 */
export async function clusterPriceTable(db: DuckDBConnection, schema: string, table: string): Promise<number> {
  const next = `${table}__clustering`;
  await db.run('BEGIN TRANSACTION');
  try {
    await db.run(`DROP TABLE IF EXISTS ${q(schema)}.${q(next)}`);
    await db.run(createPriceTableSql(schema, next));
    await db.run(`INSERT INTO ${q(schema)}.${q(next)} SELECT * FROM ${q(schema)}.${q(table)} ORDER BY ${CLUSTER_ORDER}`);
    const [row] = (await db.runAndReadAll(`SELECT count(*) AS n FROM ${q(schema)}.${q(next)}`)).getRowObjectsJS();
    const rows = Number(row?.n ?? 0);
    await db.run(`DROP TABLE ${q(schema)}.${q(table)}`);
    await db.run(`ALTER TABLE ${q(schema)}.${q(next)} RENAME TO ${q(table)}`);
    await db.run(
      `INSERT INTO ${q(schema)}.${CLUSTERING_STATE_TABLE} VALUES ($1, $2, 0, current_timestamp::TIMESTAMP)
       ON CONFLICT (table_name) DO UPDATE SET clustered_rows = excluded.clustered_rows, inserted_since = 0, clustered_at = excluded.clustered_at`,
      [table, rows],
    );
    await db.run('COMMIT');
    return rows;
  } catch (error) {
    await db.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
