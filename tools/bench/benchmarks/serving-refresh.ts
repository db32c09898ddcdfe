import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { refreshServingTables, simulateRawChanges, withDuckDb } from '@ledgerline/duckdb';
import { generateBenchDataset, writeRawFile } from '../analytics/bench-dataset.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { percentile } from '../stats.ts';

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const size = (rows: number) => (rows >= 1e6 ? `${+(rows / 1e6).toFixed(1)}M` : `${+(rows / 1e3).toFixed(1)}k`);
const SERVING_TABLES = ['fact', 'accounts', 'daily_category', 'daily_merchant', 'daily_location', 'recurring', 'recurring_summary', 'anomalies'];

/**
 * A connection whose statements are timed, by their first words: where a refresh spends its time.
 * Only for this benchmark (the refresh itself reports its total).
 */
function timedConnection(db: DuckDBConnection, steps: Map<string, number>): DuckDBConnection {
  const label = (sql: unknown) => String(sql).replace(/\s+/g, ' ').trim().slice(0, 90);
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await fn(...args);
      } finally {
        const key = label(args[0]);
        steps.set(key, (steps.get(key) ?? 0) + performance.now() - started);
      }
    };
  return new Proxy(db, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if ((property === 'run' || property === 'runAndReadAll') && typeof value === 'function') {
        return timed((...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * RAW with `baseRows` x `copies` transactions at `path`. With BENCH_SERVING_RAW_CACHE (a folder)
 * the file is written there once and copied on later runs: generating 10M rows takes a minute.
 */
async function rawFile(path: string, baseRows: number, copies: number): Promise<number> {
  const cacheDir = process.env.BENCH_SERVING_RAW_CACHE;
  if (!cacheDir) return writeRawFile(path, generateBenchDataset(baseRows), copies);
  const cached = join(cacheDir, `raw-${baseRows}x${copies}.duckdb`);
  if (!existsSync(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    await writeRawFile(`${cached}.partial`, generateBenchDataset(baseRows), copies);
    renameSync(`${cached}.partial`, cached);
  }
  copyFileSync(cached, path);
  return baseRows * copies;
}

// The serving layer's incremental refresh after a sync of BENCH_SERVING_CHANGES changed rows on a
// RAW of BASE_ROWS x COPIES transactions, against the full build of the same layer and a plain
// GROUP BY over the changed rows, measured in the same run on the same file.
export default defineBenchmark({
  name: 'serving-refresh',
  description: 'analytics serving layer: incremental refresh of 10k changed rows vs full build on 10M rows (DuckDB)',
  async run({ log }) {
    const baseRows = envInt('BENCH_SERVING_BASE_ROWS', 1_000_000);
    const copies = envInt('BENCH_SERVING_COPIES', 10);
    const changes = envInt('BENCH_SERVING_CHANGES', 10_000);
    const rounds = envInt('BENCH_SERVING_ROUNDS', 3);
    const verify = process.env.BENCH_SERVING_VERIFY !== '0';
    const dir = mkdtempSync(join(tmpdir(), 'bench-serving-'));
    const path = join(dir, 'refresh.duckdb');
    const metrics: Metric[] = [];
    const notes: string[] = [`load average (1/5/15 min) at start: ${load()}`];
    try {
      let t = performance.now();
      const rows = await rawFile(path, baseRows, copies);
      notes.push(`RAW: ${rows} transactions (${copies} renamed copies of ${baseRows} generated) ready in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      log('full build');
      t = performance.now();
      const built = await withDuckDb(path, (db) => refreshServingTables(db, { full: true }));
      metrics.push({ name: `full build (${size(built.transactions)} rows)`, value: (performance.now() - t) / 1000, unit: 's' });

      const refreshMs: number[] = [];
      const groupByMs: number[] = [];
      let lastSteps = new Map<string, number>();
      let lastReport = '';
      for (let round = 1; round <= rounds; round += 1) {
        log(`round ${round}: ${changes} changes, then the incremental refresh`);
        const since = await withDuckDb(path, async (db) => {
          const reader = await db.runAndReadAll('SELECT CAST(max(_synced_at) AS VARCHAR) AS at FROM raw.transactions');
          const at = String(reader.getRowObjectsJS()[0]?.at);
          await simulateRawChanges(db, { count: changes, seed: 1000 + round });
          await db.run('CHECKPOINT');
          return at;
        });
        const steps = new Map<string, number>();
        t = performance.now();
        const report = await withDuckDb(path, (db) => refreshServingTables(timedConnection(db, steps)));
        refreshMs.push(performance.now() - t);
        lastSteps = steps;
        lastReport = `${report.mode}, ${report.transactions} transactions, ${report.days} days`;
        if (report.mode !== 'incremental') throw new Error(`round ${round}: expected an incremental refresh, got ${report.mode}`);
        // The reference: one plain aggregation of just the changed rows (what a delta costs at least).
        groupByMs.push(
          await withDuckDb(path, async (db) => {
            const started = performance.now();
            await db.runAndReadAll(
              `SELECT CAST(occurred_at AS DATE) AS day, category, subcategory, channel, sum(normalized_amount) AS s, count(*) AS n
               FROM raw.transactions WHERE _synced_at > CAST($since AS TIMESTAMPTZ) GROUP BY ALL`,
              { since },
            );
            return performance.now() - started;
          }),
        );
      }
      metrics.push({ name: `incremental refresh, ${changes} changes (median of ${rounds})`, value: percentile(refreshMs, 50), unit: 'ms' });
      metrics.push({ name: `incremental refresh, ${changes} changes (max of ${rounds})`, value: Math.max(...refreshMs), unit: 'ms' });
      metrics.push({ name: `reference: GROUP BY of the ${changes} changed rows in RAW (median)`, value: percentile(groupByMs, 50), unit: 'ms' });
      notes.push(`last round: ${lastReport}; its statements, slowest first (ms):`);
      for (const [sql, ms] of [...lastSteps].sort((a, b) => b[1] - a[1]).slice(0, 12)) notes.push(`  ${ms.toFixed(0)} ms: ${sql}`);
      if (verify) {
        log('verifying against a full build');
        const differing = await withDuckDb(path, async (db) => {
          await refreshServingTables(db, { full: true, schema: 'serving_check' });
          const bad: string[] = [];
          for (const table of SERVING_TABLES) {
            const reader = await db.runAndReadAll(
              `SELECT count(*) AS n FROM ((SELECT * FROM serving.${table} EXCEPT ALL SELECT * FROM serving_check.${table})
                 UNION ALL (SELECT * FROM serving_check.${table} EXCEPT ALL SELECT * FROM serving.${table}))`,
            );
            if (Number(reader.getRowObjectsJS()[0]?.n) !== 0) bad.push(table);
          }
          return bad;
        });
        if (differing.length > 0) throw new Error(`the incremental serving layer differs from a full build in: ${differing.join(', ')}`);
        notes.push(`after ${rounds} rounds every serving table equals a full build of the same RAW (EXCEPT ALL both ways)`);
      }
      notes.push(`load average at end: ${load()}`);
      notes.push(`BENCH_SERVING_BASE_ROWS=${baseRows} BENCH_SERVING_COPIES=${copies} BENCH_SERVING_CHANGES=${changes} BENCH_SERVING_ROUNDS=${rounds}`);
      return { metrics, notes };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
