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
import { PhaseTimer } from '../sync-phase-timer.ts';
import { measurePgliteWriters } from '../warehouse-sync-pglite-writers.ts';
import { runCopyReadCsvReference } from '../warehouse-sync-reference.ts';
import { seedBenchTransactions } from '../warehouse-sync-seed.ts';

// Postgres -> DuckDB sync (docs/sync-watermark.md): an initial load, an incremental sync of
// updated rows, and a no-op sync, each opening and closing the DuckDB file like the app does.
// Every window takes the bulk path (COPY streamed into read_csv), so reading and applying
// overlap and are not timed apart. The reference (issue #23) runs in the same process on the
// same rows right after the initial load: `psql \copy (SELECT ...) TO` CSV, then DuckDB read_csv into a table + CHECKPOINT.
// The analytics sync (`analytics sync`: the same syncOnce into its own DuckDB file, then the
// serving layer's full build) runs on the same rows too, so its ratio to the same reference is measured beside the warehouse sync's.
// BENCH_SYNC_INITIAL_ROWS, BENCH_SYNC_UPDATED_ROWS, BENCH_SYNC_BATCH_SIZE override the sizes;
// BENCH_SYNC_INCREMENTS how many incremental syncs of each shape (block, spread; default 3);
// BENCH_SYNC_ANALYTICS=false skips the analytics sync (a run for the incremental and no-op figures);
// BENCH_SYNC_PGLITE_ROWS=n (default 0: skipped) adds the writer latency on PGlite during an
// incremental sync of BENCH_SYNC_UPDATED_ROWS of n rows (warehouse-sync-pglite-writers.ts).
// Each incremental and no-op sync reports wall time and this process's CPU (Node + DuckDB; the
// host is shared, so CPU is the steadier figure), and where the wall time went (PhaseTimer).

export default defineBenchmark({
  name: 'warehouse-sync',
  description: 'Postgres -> DuckDB sync: initial load rows/s, incremental sync ms, no-op sync ms',
  async run({ log }) {
    const initialRows = Number(process.env.BENCH_SYNC_INITIAL_ROWS ?? 200_000);
    const updatedRows = Number(process.env.BENCH_SYNC_UPDATED_ROWS ?? 10_000);
    const batchSize = Number(process.env.BENCH_SYNC_BATCH_SIZE ?? 50_000);
    const increments = Number(process.env.BENCH_SYNC_INCREMENTS ?? 3);
    const withAnalytics = process.env.BENCH_SYNC_ANALYTICS !== 'false';
    const pgliteRows = Number(process.env.BENCH_SYNC_PGLITE_ROWS ?? 0);
    const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
    const loadAtStart = load();
    const database = await createTestDatabase('bench_wh_sync');
    const store = await createPostgresStore({ url: database.url, poolSize: 4 });
    const dir = mkdtempSync(join(tmpdir(), 'bench-wh-sync-'));
    try {
      await store.migrate();
      log(`loading ${initialRows} transactions into Postgres`);
      await seedBenchTransactions(store.sql, initialRows);

      const path = join(dir, 'warehouse.duckdb');
      const timer = new PhaseTimer();
      const changeFeed: ChangeFeed = timer.wrap('feed', new PostgresChangeFeed(store.sql), ['horizon', 'snapshot']);
      const tables = [CUSTOMERS_SYNC_TABLE, ACCOUNTS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE];
      const sync = async (file = path) => {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const warehouse: Warehouse = new DuckDbWarehouse({ path: file });
        let rows = 0;
        try {
          const timed = timer.wrap('warehouse', warehouse, ['ensureSchema', 'readWatermark']);
          const reports = await syncOnce({ changeFeed, warehouse: timed, batchSize }, { tables });
          rows = reports.reduce((n, r) => n + r.upserted + r.deleted, 0);
        } finally {
          await timer.time('warehouse.close', () => warehouse.close());
        }
        const used = process.cpuUsage(cpu);
        return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, rows };
      };

      log('initial sync');
      const initial = await sync();

      log('reference: psql \\copy to CSV + DuckDB read_csv');
      const reference = await runCopyReadCsvReference(database.url, tables, dir);
      const referenceRowsPerSecond = (initial.rows * 1000) / reference.totalMs;

      const analytics = withAnalytics ? await runAnalyticsSync(() => sync(join(dir, 'analytics.duckdb')), join(dir, 'analytics.duckdb'), log) : undefined;

      // Each increment updates rows of its own, alternately one block of consecutive rows (as
      // recent traffic does; what this benchmark measured before) and rows spread over the whole
      // table (every n-th: the MERGE and the checkpoint touch every row group).
      const incremental = { block: [] as Array<{ ms: number; cpuMs: number }>, spread: [] as Array<{ ms: number; cpuMs: number }> };
      const stride = Math.max(1, Math.floor(initialRows / updatedRows));
      timer.reset();
      for (let round = 0; round < increments; round++) {
        for (const shape of ['block', 'spread'] as const) {
          log(`updating ${updatedRows} rows (${shape}, increment ${round + 1}/${increments})`);
          const [step, offset] = shape === 'block' ? [1, round * updatedRows] : [stride, round];
          await store.sql.query(
            `UPDATE transactions SET status = CASE WHEN status = 'REVERSED' THEN 'POSTED' ELSE 'REVERSED' END
              WHERE tx_id IN (SELECT 'T-' || lpad((1 + (i * $2 + $3) % $4)::text, 8, '0') FROM generate_series(0, $1::int - 1) AS i)`,
            [updatedRows, step, offset, initialRows],
          );
          incremental[shape].push(await sync());
        }
      }
      const incrementalPhases = timer.summary(2 * increments);

      log('no-op syncs');
      timer.reset();
      const noop: Array<{ ms: number; cpuMs: number }> = [];
      for (let i = 0; i < 10; i++) noop.push(await sync());
      const noopPhases = timer.summary(10);
      const pglite = pgliteRows > 0 ? await measurePgliteWriters({ rows: pgliteRows, updated: updatedRows, dir, log }) : [];
      const wall = (runs: Array<{ ms: number }>) => runs.map((r) => r.ms);
      const cpu = (runs: Array<{ cpuMs: number }>) => runs.map((r) => r.cpuMs);

      return {
        metrics: [
          { name: 'initial load', value: (initial.rows * 1000) / initial.ms, unit: 'rows/s' },
          { name: 'initial load total', value: initial.ms, unit: 'ms' },
          { name: 'reference: psql \\copy + read_csv', value: referenceRowsPerSecond, unit: 'rows/s' },
          { name: 'reference total', value: reference.totalMs, unit: 'ms' },
          { name: 'reference: psql \\copy to CSV', value: reference.copyOutMs, unit: 'ms' },
          { name: 'reference: read_csv + CHECKPOINT', value: reference.readCsvMs, unit: 'ms' },
          { name: 'initial load / reference', value: reference.totalMs / initial.ms, unit: 'x' },
          ...(analytics ? analyticsMetrics(analytics, reference.totalMs) : []),
          ...(['block', 'spread'] as const).flatMap((shape) => [
            { name: `incremental (${updatedRows} rows, ${shape}) p50`, value: percentile(wall(incremental[shape]), 50), unit: 'ms' },
            { name: `incremental (${updatedRows} rows, ${shape}) max`, value: Math.max(...wall(incremental[shape])), unit: 'ms' },
            { name: `incremental (${updatedRows} rows, ${shape}) process CPU p50`, value: percentile(cpu(incremental[shape]), 50), unit: 'ms' },
          ]),
          { name: 'no-op sync p50', value: percentile(wall(noop), 50), unit: 'ms' },
          { name: 'no-op sync max', value: Math.max(...wall(noop)), unit: 'ms' },
          { name: 'no-op sync process CPU p50', value: percentile(cpu(noop), 50), unit: 'ms' },
          ...pglite,
        ],
        notes: [
          `load average (1/5/15 min) at start: ${loadAtStart}, at end: ${load()}`,
          `${initialRows} transactions (+1 customer, 1 account), ${updatedRows} updated, batch size ${batchSize}; ` +
            'Postgres from @ledgerline/testing on 127.0.0.1; DuckDB file in the temp dir, opened and closed per sync',
          'every window takes the bulk path: COPY TO STDOUT (Postgres text output) through a named pipe into DuckDB read_csv with the RAW types, ' +
            'one transaction per table (INSERT into an empty table, else MERGE); a table with no change in its window only stores the horizon; ' +
            'a no-op sync (horizon unchanged) opens no snapshot and writes nothing; horizon and reads of a sync come from one REPEATABLE READ snapshot',
          'reference: psql \\copy (SELECT data columns) TO a CSV per table, then DuckDB read_csv (RAW types) into a fresh file + CHECKPOINT; ' +
            'ratio = reference time / initial load time (>= 1.0 means the sync is at least as fast)',
          `incremental, mean per sync: ${incrementalPhases}`,
          `no-op, mean per sync: ${noopPhases}`,
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

interface AnalyticsRun {
  readonly raw: { ms: number; rows: number };
  readonly servingMs: number;
  readonly servingRows: number;
}

async function runAnalyticsSync(sync: () => Promise<{ ms: number; rows: number }>, path: string, log: (message: string) => void): Promise<AnalyticsRun> {
  log('analytics sync: the same sync into a second file, then the serving layer built from its RAW');
  const raw = await sync();
  const servingStarted = performance.now();
  const serving = await DuckDbAnalyticsStore.refreshServing(path, { full: true });
  const servingMs = performance.now() - servingStarted;
  rmSync(path, { force: true });
  return { raw, servingMs, servingRows: serving.transactions };
}

function analyticsMetrics(run: AnalyticsRun, referenceMs: number) {
  const totalMs = run.raw.ms + run.servingMs;
  return [
    { name: 'analytics sync: Postgres -> RAW', value: run.raw.ms, unit: 'ms' },
    { name: 'analytics sync: Postgres -> RAW / reference', value: referenceMs / run.raw.ms, unit: 'x' },
    { name: `analytics sync: serving layer full build (${run.servingRows} rows)`, value: run.servingMs, unit: 'ms' },
    { name: 'analytics sync total (RAW + serving)', value: (run.raw.rows * 1000) / totalMs, unit: 'rows/s' },
    { name: 'analytics sync total / reference', value: referenceMs / totalMs, unit: 'x' },
  ];
}
