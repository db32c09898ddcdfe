import type { AnalyticsStore } from '@ledgerline/analytics';
import type { z } from 'zod';
import { RAW_RELATIONS } from '../tools/sql-allow-list.ts';

/** Rows the document builders read at most per query (the store still applies its own guard). */
const DOCUMENT_QUERY_MAX_ROWS = 1_000_000;

/**
 * Runs a read-only aggregate through the store (the same guard as the sql tool, limited to the
 * RAW tables) and validates every row with `row`: the store returns loosely typed JSON.
 */
export async function queryRows<T>(store: AnalyticsStore, sql: string, row: z.ZodType<T>): Promise<T[]> {
  const result = await store.runReadOnlySql(sql, { maxRows: DOCUMENT_QUERY_MAX_ROWS, allowedRelations: [...RAW_RELATIONS] });
  if (result.truncated) throw new Error(`document query returned more than ${DOCUMENT_QUERY_MAX_ROWS} rows`);
  return result.rows.map((r, i) => {
    const parsed = row.safeParse(r);
    if (!parsed.success) throw new Error(`document query row ${i}: ${parsed.error.message}`);
    return parsed.data;
  });
}

/** The live transactions with their customer (RAW keeps tombstones: `_deleted`). */
export const LIVE_TRANSACTIONS_SQL = `raw.transactions t
  JOIN raw.accounts a ON a.account_id = t.account_id AND NOT a._deleted
  WHERE NOT t._deleted`;
