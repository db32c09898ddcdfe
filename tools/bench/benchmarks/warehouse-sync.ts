import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbAnalyticsStore, DuckDbWarehouse } from '@ledgerline/duckdb';
import { createPostgresStore, PostgresChangeFeed } from '@ledgerline/postgres';
import { createTestDatabase } from '@ledgerline/testing';
import {
  ACCOUNTS_SYNC_TABLE,
  CUSTOMERS_SYNC_TABLE,
  syncOnce,
  TRANSACTIONS_SYNC_TABLE,
  type ChangeFeed,
  type Warehouse,
} from '@ledgerline/warehouse-sync';
import { defineBenchmark } from '../benchmark.ts';
import { percentile } from '../stats.ts';
import { runCopyReadCsvReference } from '../warehouse-sync-reference.ts';

// Postgres -> DuckDB sync (docs/sync-watermark.md): an initial load, an incremental sync of
// updated rows, and a no-op sync, each opening and closing the DuckDB file like the app does.
// Every window takes the bulk path (COPY streamed into read_csv), so reading and applying
// overlap and are not timed apart. The reference (issue #23) runs in the same process on the
// same rows right after the initial load: `psql \copy (SELECT ...) TO` CSV, then DuckDB read_csv into a table + CHECKPOINT.
// The analytics sync (`analytics sync`: the same syncOnce into its own DuckDB file, then the
// serving layer's full build) runs on the same rows too, so its ratio to the same reference is measured beside the warehouse sync's.
// BENCH_SYNC_INITIAL_ROWS, BENCH_SYNC_UPDATED_ROWS, BENCH_SYNC_BATCH_SIZE override the sizes.

export default defineBenchmark({
  name: 'warehouse-sync',
  description: 'Postgres -> DuckDB sync: initial load rows/s, incremental sync ms, no-op sync ms',
  async run({ log }) {
    const initialRows = Number(process.env.BENCH_SYNC_INITIAL_ROWS ?? 200_000);
    const updatedRows = Number(process.env.BENCH_SYNC_UPDATED_ROWS ?? 10_000);
    const batchSize = Number(process.env.BENCH_SYNC_BATCH_SIZE ?? 50_000);
    const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
    const loadAtStart = load();
    const database = await createTestDatabase('bench_wh_sync');
    const store = await createPostgresStore({ url: database.url, poolSize: 4 });
    const dir = mkdtempSync(join(tmpdir(), 'bench-wh-sync-'));
    try {
      await store.migrate();
      log(`loading ${initialRows} transactions into Postgres`);
      await store.sql.query(`INSERT INTO customers VALUES ('C-1', 'PERSONAL', 'student', 'Bench', NULL, 'Lisbon', NULL, 'PT', now(), now())`);
      await store.sql.query(`INSERT INTO accounts VALUES ('A-1', 'C-1', 'CHECKING', 'EUR', 100.00, 'ACTIVE', now(), now())`);
      await store.sql.query(
        `INSERT INTO transactions (tx_id, account_id, occurred_at, amount, direction, txn_type, currency, normalized_amount,
           merchant, mcc, category, subcategory, channel, description, city, state, country, is_recurring, status,
           related_account_id, source, source_ref)
         SELECT 'T-' || lpad(i::text, 8, '0'), 'A-1', timestamptz '2026-01-01' + i * interval '37 seconds',
                (i % 90000) / 100.0 + 0.01, CASE WHEN i % 5 = 0 THEN 'CREDIT' ELSE 'DEBIT' END, 'PURCHASE', 'EUR',
                (i % 90000) / 100.0 + 0.01, 'Merchant ' || (i % 500), '5411', 'Groceries', NULL, 'CARD_PRESENT',
                CASE WHEN i % 3 = 0 THEN 'note ' || i END, 'Lisbon', NULL, 'PT', i % 10 = 0, 'POSTED', NULL, 'seed', 'bench:' || i
           FROM generate_series(1, $1::int) AS i`,
        [initialRows],
      );
      await store.sql.query('ANALYZE');

      const path = join(dir, 'warehouse.duckdb');
      const changeFeed: ChangeFeed = new PostgresChangeFeed(store.sql);
      const tables = [CUSTOMERS_SYNC_TABLE, ACCOUNTS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE];
      const sync = async (file = path) => {
        const start = performance.now();
        const warehouse: Warehouse = new DuckDbWarehouse({ path: file });
        try {
          const reports = await syncOnce({ changeFeed, warehouse, batchSize }, { tables });
          return { ms: performance.now() - start, rows: reports.reduce((n, r) => n + r.upserted + r.deleted, 0) };
        } finally {
          await warehouse.close();
        }
      };

      log('initial sync');
      const initial = await sync();

      log('reference: psql \\copy to CSV + DuckDB read_csv');
      const reference = await runCopyReadCsvReference(database.url, tables, dir);
      const referenceRowsPerSecond = (initial.rows * 1000) / reference.totalMs;

      log('analytics sync: the same sync into a second file, then the serving layer built from its RAW');
      const analyticsPath = join(dir, 'analytics.duckdb');
      const analyticsRaw = await sync(analyticsPath);
      const servingStarted = performance.now();
      const serving = await DuckDbAnalyticsStore.refreshServing(analyticsPath, { full: true });
      const servingMs = performance.now() - servingStarted;
      const analyticsMs = analyticsRaw.ms + servingMs;
      rmSync(analyticsPath, { force: true });

      log(`updating ${updatedRows} rows`);
      await store.sql.query(`UPDATE transactions SET status = 'REVERSED' WHERE tx_id IN (SELECT tx_id FROM transactions ORDER BY tx_id LIMIT $1)`, [
        updatedRows,
      ]);
      const incremental = await sync();

      log('no-op syncs');
      const noop: number[] = [];
      for (let i = 0; i < 10; i++) noop.push((await sync()).ms);

      return {
        metrics: [
          { name: 'initial load', value: (initial.rows * 1000) / initial.ms, unit: 'rows/s' },
          { name: 'initial load total', value: initial.ms, unit: 'ms' },
          { name: 'reference: psql \\copy + read_csv', value: referenceRowsPerSecond, unit: 'rows/s' },
          { name: 'reference total', value: reference.totalMs, unit: 'ms' },
          { name: 'reference: psql \\copy to CSV', value: reference.copyOutMs, unit: 'ms' },
          { name: 'reference: read_csv + CHECKPOINT', value: reference.readCsvMs, unit: 'ms' },
          { name: 'initial load / reference', value: reference.totalMs / initial.ms, unit: 'x' },
          { name: 'analytics sync: Postgres -> RAW', value: analyticsRaw.ms, unit: 'ms' },
          { name: 'analytics sync: Postgres -> RAW / reference', value: reference.totalMs / analyticsRaw.ms, unit: 'x' },
          { name: `analytics sync: serving layer full build (${serving.transactions} rows)`, value: servingMs, unit: 'ms' },
          { name: 'analytics sync total (RAW + serving)', value: (analyticsRaw.rows * 1000) / analyticsMs, unit: 'rows/s' },
          { name: 'analytics sync total / reference', value: reference.totalMs / analyticsMs, unit: 'x' },
          { name: `incremental (${updatedRows} rows)`, value: incremental.ms, unit: 'ms' },
          { name: 'no-op sync p50', value: percentile(noop, 50), unit: 'ms' },
          { name: 'no-op sync max', value: Math.max(...noop), unit: 'ms' },
        ],
        notes: [
          `load average (1/5/15 min) at start: ${loadAtStart}, at end: ${load()}`,
          `${initialRows} transactions (+1 customer, 1 account), ${updatedRows} updated, batch size ${batchSize}; ` +
            'Postgres from @ledgerline/testing on 127.0.0.1; DuckDB file in the temp dir, opened and closed per sync',
          'every window takes the bulk path: COPY TO STDOUT (Postgres text output) through a named pipe into DuckDB read_csv with the RAW types, ' +
            'one transaction per table (INSERT into an empty table, else MERGE); a no-op sync (horizon unchanged) reads and writes no window',
          'reference: psql \\copy (SELECT data columns) TO a CSV per table, then DuckDB read_csv (RAW types) into a fresh file + CHECKPOINT; ' +
            'ratio = reference time / initial load time (>= 1.0 means the sync is at least as fast)',
          'analytics sync = what `analytics sync --full` runs: syncOnce with the same DuckDB warehouse adapter into its own file, then DuckDbAnalyticsStore.refreshServing(full); ' +
            'its Postgres -> RAW part is the same code path as the warehouse sync, the serving build is extra work the reference does not do',
        ],
      };
    } finally {
      await store.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
