import { join } from 'node:path';
import { DuckDbWarehouse } from '@ledgerline/duckdb';
import { createPostgresStore, PostgresChangeFeed } from '@ledgerline/postgres';
import { ACCOUNTS_SYNC_TABLE, CUSTOMERS_SYNC_TABLE, syncOnce, TRANSACTIONS_SYNC_TABLE } from '@ledgerline/warehouse-sync';
import type { Metric } from './benchmark.ts';
import { percentile } from './stats.ts';
import { seedBenchTransactions } from './warehouse-sync-seed.ts';

/**
 * How a sync affects writers on PGlite's single connection (issue #23): a writer issues one small
 * UPDATE every 10 ms while an incremental sync of `updated` rows runs; each statement's latency is
 * measured (a snapshot that held the connection made them wait for the whole data phase).
 */
export async function measurePgliteWriters(options: { rows: number; updated: number; dir: string; log: (m: string) => void }): Promise<Metric[]> {
  const { rows, updated, dir, log } = options;
  const store = await createPostgresStore({ pgliteDir: join(dir, 'pglite') });
  try {
    await store.migrate();
    log(`PGlite: loading ${rows} transactions`);
    await seedBenchTransactions(store.sql, rows);
    const feed = new PostgresChangeFeed(store.sql);
    const tables = [CUSTOMERS_SYNC_TABLE, ACCOUNTS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE];
    const path = join(dir, 'pglite-warehouse.duckdb');
    let snapshotMs = 0;
    const timedFeed = {
      horizon: () => feed.horizon(),
      readChanges: feed.readChanges.bind(feed),
      snapshot: async <T>(work: Parameters<typeof feed.snapshot<T>>[0]) => {
        const started = performance.now();
        try {
          return await feed.snapshot(work);
        } finally {
          snapshotMs = performance.now() - started;
        }
      },
    };
    const sync = async () => {
      const warehouse = new DuckDbWarehouse({ path });
      const started = performance.now();
      try {
        await syncOnce({ changeFeed: timedFeed, warehouse, batchSize: 10_000 }, { tables });
      } finally {
        await warehouse.close();
      }
      return performance.now() - started;
    };
    log('PGlite: initial sync (paged)');
    await sync();
    await store.sql.query(`UPDATE transactions SET status = 'REVERSED' WHERE tx_id IN (SELECT tx_id FROM transactions ORDER BY tx_id LIMIT $1)`, [updated]);

    const latencies: Array<{ at: number; ms: number }> = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const at = performance.now();
        await store.sql.query(`UPDATE customers SET updated_at = now() WHERE customer_id = 'C-1'`);
        latencies.push({ at, ms: performance.now() - at });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    log(`PGlite: incremental sync of ${updated} rows with a writer every 10 ms`);
    const syncStarted = performance.now();
    const syncMs = await sync();
    const syncEnded = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    writing = false;
    await writer;
    const during = latencies.filter((l) => l.at + l.ms >= syncStarted && l.at <= syncEnded).map((l) => l.ms);
    const outside = latencies.filter((l) => l.at + l.ms < syncStarted || l.at > syncEnded).map((l) => l.ms);
    return [
      { name: `PGlite: incremental sync (${updated} of ${rows} rows, paged)`, value: syncMs, unit: 'ms' },
      { name: 'PGlite: of which the snapshot (reads and loads)', value: snapshotMs, unit: 'ms' },
      { name: 'PGlite: writer statement latency outside the sync, p50', value: percentile(outside, 50), unit: 'ms' },
      { name: 'PGlite: writer statement latency during the sync, max', value: during.length > 0 ? Math.max(...during) : 0, unit: 'ms' },
      { name: 'PGlite: writer statements completed during the sync', value: during.length, unit: 'statements' },
    ];
  } finally {
    await store.close();
  }
}
