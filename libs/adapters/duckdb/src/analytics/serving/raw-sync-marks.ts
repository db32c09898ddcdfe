import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier as q } from '../../connection/sql-text.ts';

/** The RAW tables the serving layer is derived from. */
export const FOLLOWED_RAW_TABLES = ['transactions', 'accounts'] as const;

/**
 * Where a RAW table stands: the latest `_synced_at` (epoch µs, -1 when empty) and its row count
 * (tombstones included).
 *
 * Why `_synced_at` and not `_change_seq` or `_sync_state.watermark`: a row whose Postgres
 * transaction was still open during one sync is shipped by a later sync with a LOWER change
 * sequence than rows already loaded (docs/sync-watermark.md §4), so "change_seq above the last
 * seen" skips it, and the max change_seq does not even move. `_synced_at` is set by the warehouse
 * transaction that loaded the row, so it never goes backwards across syncs. The row count catches
 * the one way rows leave RAW without a tombstone: a --full-refresh reload.
 */
export interface RawSyncMark {
  readonly syncedUs: bigint;
  readonly rows: bigint;
}

/** One row per followed table: (table_name, synced_us, row_count). */
export function rawSyncMarksSql(raw: string): string {
  return FOLLOWED_RAW_TABLES.map(
    (table) =>
      `SELECT '${table}' AS table_name, coalesce(epoch_us(max(_synced_at)), -1) AS synced_us, count(*) AS row_count FROM ${q(raw)}.${q(table)}`,
  ).join(' UNION ALL ');
}

export async function readRawSyncMarks(db: DuckDBConnection, raw: string): Promise<Map<string, RawSyncMark>> {
  const reader = await db.runAndReadAll(
    `SELECT table_name, CAST(synced_us AS VARCHAR) AS synced_us, CAST(row_count AS VARCHAR) AS row_count FROM (${rawSyncMarksSql(raw)})`,
  );
  return new Map(
    reader.getRowObjectsJS().map((r) => [String(r.table_name), { syncedUs: BigInt(String(r.synced_us)), rows: BigInt(String(r.row_count)) }]),
  );
}
