import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AnalyticsMetrics } from '@ledgerline/analytics';
import { DuckDbAnalyticsStore, DuckDbWarehouse, withDuckDb } from '@ledgerline/duckdb';
import { createPostgresStore, PostgresAnalyticsSource, PostgresChangeFeed } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot } from '@ledgerline/testing';
import { DEFAULT_SYNC_TABLES, syncOnce } from '@ledgerline/warehouse-sync';
import { generateBenchDataset, writeRawFile } from '../analytics/bench-dataset.ts';
import { dashboardCases, timeCase } from '../analytics/metric-cases.ts';
import { loadPostgres } from '../analytics/postgres-load.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { percentile } from '../stats.ts';

const run = promisify(execFile);
const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const seconds = (since: number) => (performance.now() - since) / 1000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
/** 10000000 -> "10M", 40000 -> "40k". */
const size = (rows: number) => (rows >= 1e6 ? `${+(rows / 1e6).toFixed(1)}M` : `${+(rows / 1e3).toFixed(1)}k`);

// Dashboard metric latency on DuckDB at 10M rows (dbt marts and RAW), the same SQL on DuckDB and
// on PostgreSQL at 1M rows for the ratio, and the analytics sync's full and incremental rows/s.
export default defineBenchmark({
  name: 'analytics',
  description: 'AnalyticsStore metric p50/p95 on DuckDB (10M rows, marts and RAW) vs PostgreSQL (1M), and sync rows/s',
  async run({ log }) {
    const baseRows = envInt('BENCH_ANALYTICS_BASE_ROWS', 1_000_000);
    const copies = envInt('BENCH_ANALYTICS_COPIES', 10);
    const iterations = envInt('BENCH_ANALYTICS_ITERATIONS', 20);
    const pgIterations = envInt('BENCH_ANALYTICS_PG_ITERATIONS', 5);
    const root = repoRoot();
    const dbtScript = join(root, 'tools/dbt/dbt.sh');
    const withDbt = process.env.BENCH_ANALYTICS_DBT !== '0' && existsSync(dbtScript) && existsSync(join(root, '.venv/bin/dbt'));
    const dir = mkdtempSync(join(tmpdir(), 'bench-analytics-'));
    const metrics: Metric[] = [];
    const notes: string[] = [`load average (1/5/15 min) at start: ${load()}`];
    const database = await createTestDatabase('bench_analytics');
    const pg = await createPostgresStore({ url: database.url, poolSize: 2 });
    try {
      let t = performance.now();
      const data = generateBenchDataset(baseRows);
      notes.push(`generated ${data.transactions.length} transactions (${data.customers.length} customers, 12 months) in ${seconds(t).toFixed(0)} s`);

      const bigPath = join(dir, 'big.duckdb');
      t = performance.now();
      const bigRows = await writeRawFile(bigPath, data, copies);
      notes.push(`DuckDB ${bigRows} rows: RAW written with the appender (${copies} renamed copies of the base) in ${seconds(t).toFixed(0)} s`);
      if (withDbt) {
        t = performance.now();
        await run('bash', [dbtScript, 'build', '--select', '+fct_transactions', '+dim_account', '--exclude-resource-type', 'test'], {
          env: { ...process.env, WAREHOUSE_DUCKDB_PATH: bigPath, DBT_TARGET: 'duckdb', DBT_TARGET_PATH: join(dir, 'target'), DBT_LOG_PATH: join(dir, 'logs') },
          maxBuffer: 64 * 1024 * 1024,
        });
        notes.push(`dbt build of fct_transactions + dim_account on ${bigRows} rows: ${seconds(t).toFixed(0)} s`);
      }
      // The serving layer `analytics sync` keeps (rollups, clustered fact, precomputed anomalies):
      // a full build, then an incremental refresh after a sync-like change of 0.1% of the rows.
      t = performance.now();
      const built = await DuckDbAnalyticsStore.refreshServing(bigPath, { full: true });
      metrics.push({ name: `serving layer full build (${size(built.transactions)} rows)`, value: seconds(t), unit: 's' });
      const touched = Math.max(1, Math.floor(bigRows / 1000));
      await withDuckDb(bigPath, async (db) => {
        // As a sync would: rows rewritten (other amounts and days, some deleted) by a later load,
        // which stamps them with its own _synced_at -- what the serving layer follows.
        await db.run(`UPDATE raw.transactions SET normalized_amount = normalized_amount + 1, occurred_at = occurred_at + INTERVAL 1 DAY,
                        _change_seq = _change_seq + 1000000000, _deleted = (hash(tx_id) % 10 = 0), _synced_at = now()
                      WHERE tx_id IN (SELECT tx_id FROM raw.transactions USING SAMPLE ${touched} ROWS)`);
        await db.run('UPDATE raw._sync_state SET watermark = watermark + 2000000000');
      });
      t = performance.now();
      const refreshed = await DuckDbAnalyticsStore.refreshServing(bigPath);
      metrics.push({ name: `serving layer incremental refresh (${refreshed.transactions} changed rows, ${refreshed.days} days)`, value: seconds(t), unit: 's' });

      const smallPath = join(dir, 'small.duckdb');
      await writeRawFile(smallPath, data, 1);

      log('loading PostgreSQL');
      t = performance.now();
      await pg.migrate();
      await loadPostgres(pg, data, log);
      const pgLoad = seconds(t);
      notes.push(`PostgreSQL: ${data.transactions.length} rows loaded through the store's bulk upsert in ${pgLoad.toFixed(0)} s (10M would take ~${((pgLoad * 10) / 60).toFixed(0)} min, so the ratio is at 1M)`);

      // Sync throughput: full, then an incremental sync of a few percent of changed rows.
      const syncPath = join(dir, 'synced.duckdb');
      const feed = new PostgresChangeFeed(pg.sql);
      const syncRate = async (fullRefresh: boolean) => {
        const warehouse = new DuckDbWarehouse({ path: syncPath });
        const start = performance.now();
        try {
          const reports = await syncOnce({ changeFeed: feed, warehouse, batchSize: 50_000 }, { tables: DEFAULT_SYNC_TABLES, fullRefresh });
          const rows = reports.reduce((s, r) => s + r.rowsRead, 0);
          return { rows, rate: rows / seconds(start) };
        } finally {
          await warehouse.close();
        }
      };
      log('full sync');
      const full = await syncRate(true);
      metrics.push({ name: `sync full (${full.rows} rows)`, value: Math.round(full.rate), unit: 'rows/s' });
      const changed = Math.max(1, Math.floor(baseRows / 50));
      await pg.sql.query(`UPDATE transactions SET description = coalesce(description, '') || ' (edited)' WHERE tx_id IN (SELECT tx_id FROM transactions ORDER BY tx_id LIMIT ${changed})`);
      await pg.sql.query(`DELETE FROM transactions WHERE tx_id IN (SELECT tx_id FROM transactions ORDER BY tx_id DESC LIMIT ${Math.ceil(changed / 10)})`);
      log('incremental sync');
      const incremental = await syncRate(false);
      metrics.push({ name: `sync incremental (${incremental.rows} changes)`, value: Math.round(incremental.rate), unit: 'rows/s' });

      const cases = dashboardCases({ customerId: data.customers[0]!.customer_id, accountId: data.accounts[0]!.account_id, month: '2025-11' });
      const variants: Array<{ label: string; metrics: AnalyticsMetrics; iterations: number; close?: () => Promise<void> }> = [];
      const bigServing = new DuckDbAnalyticsStore({ path: bigPath });
      const bigMarts = new DuckDbAnalyticsStore({ path: bigPath, prefer: 'marts' });
      const bigRaw = new DuckDbAnalyticsStore({ path: bigPath, prefer: 'raw' });
      const small = new DuckDbAnalyticsStore({ path: smallPath, prefer: 'raw' });
      const bigLabel = size(bigRows);
      variants.push({ label: `duckdb ${bigLabel} serving`, metrics: bigServing, iterations });
      if (withDbt) variants.push({ label: `duckdb ${bigLabel} marts`, metrics: bigMarts, iterations });
      variants.push({ label: `duckdb ${bigLabel} raw`, metrics: bigRaw, iterations });
      variants.push({ label: `duckdb ${size(baseRows)} raw`, metrics: small, iterations });
      variants.push({ label: `postgres ${size(baseRows)}`, metrics: new PostgresAnalyticsSource(pg.sql).metrics, iterations: pgIterations });
      const p50: Record<string, Record<string, number>> = {};
      try {
        // The serving layer must answer exactly what RAW answers (after the incremental refresh too).
        const differing: string[] = [];
        for (const c of cases) if (JSON.stringify(await c.run(bigServing)) !== JSON.stringify(await c.run(bigRaw))) differing.push(c.name);
        if (differing.length > 0) throw new Error(`the serving layer answers differently from RAW: ${differing.join(', ')}`);
        notes.push(`serving layer vs RAW at ${bigLabel}: all ${cases.length} dashboard calls return identical results`);
        for (const variant of variants) {
          log(`timing ${variant.label}`);
          for (const c of cases) {
            const durations = await timeCase(variant.metrics, c, variant.iterations);
            (p50[c.name] ??= {})[variant.label] = percentile(durations, 50);
            metrics.push({ name: `${c.name} | ${variant.label} p50`, value: percentile(durations, 50), unit: 'ms' });
            if (variant.label.startsWith('duckdb') && variant.label.includes(bigLabel)) {
              metrics.push({ name: `${c.name} | ${variant.label} p95`, value: percentile(durations, 95), unit: 'ms' });
            }
          }
        }
      } finally {
        await Promise.all([bigServing.close(), bigMarts.close(), bigRaw.close(), small.close()]);
      }
      for (const c of cases) {
        const pgMs = p50[c.name]?.[`postgres ${size(baseRows)}`];
        const duckMs = p50[c.name]?.[`duckdb ${size(baseRows)} raw`];
        if (pgMs && duckMs) metrics.push({ name: `${c.name} | postgres / duckdb at the same size`, value: pgMs / duckMs, unit: 'x' });
      }
      notes.push(
        `${iterations} timed calls per DuckDB query after 2 warm-up calls (prepared statements, file opened read-only), ${pgIterations} on PostgreSQL; ` +
          `load average at end: ${load()} (other work on this machine inflates every number)`,
      );
      notes.push(`BENCH_ANALYTICS_BASE_ROWS=${baseRows} BENCH_ANALYTICS_COPIES=${copies} BENCH_ANALYTICS_ITERATIONS=${iterations} BENCH_ANALYTICS_PG_ITERATIONS=${pgIterations} BENCH_ANALYTICS_DBT=${withDbt ? 1 : 0}`);
      return { metrics, notes };
    } finally {
      await pg.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
