import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { createPostgresStore } from '@ledgerline/postgres';
import { startTrino, uniqueName } from '@ledgerline/testing';
import { createPostgresCatalog, dropCatalog, rowObjects, TrinoAnalyticsStore, TrinoClient, trinoIdentifier as q } from '@ledgerline/trino';
import { generateBenchDataset, writeRawFile } from '../analytics/bench-dataset.ts';
import { dashboardCases, timeCase } from '../analytics/metric-cases.ts';
import { jdbcOf } from '@ledgerline/trino';
import { copyRawIntoLake, createLake } from '../analytics/trino-lake.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { percentile } from '../stats.ts';

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const seconds = (since: number) => (performance.now() - since) / 1000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

// The dashboard metrics on Trino (RAW in an Iceberg catalog, one local single-node server) and on
// DuckDB (RAW in a file) over the same rows, their ratio, and the federated query's time: the
// operational PostgreSQL accounts joined with the warehouse's transactions in one Trino statement.
export default defineBenchmark({
  name: 'trino',
  description: 'dashboard metrics p50 on Trino (Iceberg) vs DuckDB over the same RAW rows (ratio), and the federated PostgreSQL x warehouse query',
  async run({ log }) {
    const rows = envInt('BENCH_TRINO_ROWS', 1_000_000);
    const iterations = envInt('BENCH_TRINO_ITERATIONS', 5);
    const metrics: Metric[] = [];
    const notes: string[] = [`load average (1/5/15 min) at start: ${load()}`];
    const dir = mkdtempSync(join(tmpdir(), 'bench-trino-'));
    const client = new TrinoClient({ url: (await startTrino()).url, user: 'ledgerline-bench', timeoutMs: 600_000 });
    const lake = await createLake(client, 'bench_trino');
    const ops = uniqueName('bench_ops');
    try {
      let t = performance.now();
      const data = generateBenchDataset(rows);
      // Not raw.duckdb: DuckDB names the database after the file, and a database `raw` beside the
      // schema `raw` makes `raw.transactions` ambiguous.
      const path = join(dir, 'warehouse.duckdb');
      await writeRawFile(path, data, 1);
      notes.push(`${data.transactions.length} transactions, ${data.accounts.length} accounts (generated and written to DuckDB in ${seconds(t).toFixed(0)} s)`);
      log('copying RAW into Iceberg');
      t = performance.now();
      await copyRawIntoLake(client, path, lake.catalog, dir);
      metrics.push({ name: `RAW DuckDB file -> Iceberg through Trino (${data.transactions.length} transactions)`, value: seconds(t), unit: 's' });

      const duck = new DuckDbAnalyticsStore({ path, prefer: 'raw' });
      const trino = new TrinoAnalyticsStore({ client, catalog: lake.catalog, prefer: 'raw' });
      const cases = dashboardCases({ customerId: data.customers[0]!.customer_id, accountId: data.accounts[0]!.account_id, month: '2025-11' });
      try {
        const differing: string[] = [];
        for (const c of cases) if (JSON.stringify(await c.run(trino)) !== JSON.stringify(await c.run(duck))) differing.push(c.name);
        notes.push(differing.length === 0 ? `Trino and DuckDB return identical results for all ${cases.length} calls` : `results differ for: ${differing.join(', ')}`);
        for (const c of cases) {
          log(`timing ${c.name}`);
          const duckMs = percentile(await timeCase(duck, c, iterations * 4), 50);
          const trinoMs = percentile(await timeCase(trino, c, iterations, 1), 50);
          metrics.push({ name: `${c.name} | duckdb p50`, value: duckMs, unit: 'ms' });
          metrics.push({ name: `${c.name} | trino p50`, value: trinoMs, unit: 'ms' });
          metrics.push({ name: `${c.name} | trino / duckdb`, value: trinoMs / duckMs, unit: 'x' });
        }
      } finally {
        await duck.close();
        await trino.close();
      }

      // Federated: the accounts live in PostgreSQL (the catalog database doubles as the operational
      // store here), the transactions in the Iceberg warehouse.
      const store = await createPostgresStore({ url: lake.databaseUrl, poolSize: 2 });
      try {
        await store.migrate();
        await store.upsertCustomers(data.customers);
        await store.upsertAccounts(data.accounts);
      } finally {
        await store.close();
      }
      await createPostgresCatalog(client, { name: ops, ...jdbcOf(lake.databaseUrl) });
      const federated = `SELECT a.currency, count(*) AS transactions, sum(t.amount) AS amount
        FROM ${q(ops)}.public.accounts AS a JOIN ${q(lake.catalog)}.raw.transactions AS t ON t.account_id = a.account_id
        WHERE NOT t._deleted GROUP BY a.currency ORDER BY a.currency`;
      const durations: number[] = [];
      let groups = 0;
      for (let i = 0; i < iterations + 1; i++) {
        const start = performance.now();
        const result = await client.run(federated);
        if (i > 0) durations.push(performance.now() - start);
        groups = rowObjects(result.columns, result.rows).length;
      }
      metrics.push({ name: `federated query: ${data.accounts.length} PostgreSQL accounts x ${data.transactions.length} Iceberg transactions, ${groups} groups (p50)`, value: percentile(durations, 50), unit: 'ms' });
      notes.push(`${iterations} timed calls per Trino query after 1 warm-up, ${iterations * 4} per DuckDB query after 2; Trino ${process.env.LEDGERLINE_TRINO_HEAP ?? '2G'} heap, single node`);
      notes.push(`load average at end: ${load()} (other work on this machine inflates every number)`);
      notes.push(`BENCH_TRINO_ROWS=${rows} BENCH_TRINO_ITERATIONS=${iterations}`);
      return { metrics, notes };
    } finally {
      await dropCatalog(client, ops).catch(() => undefined);
      await lake.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
