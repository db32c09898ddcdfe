import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { startTrino, uniqueName } from '@ledgerline/testing';
import { TrinoAnalyticsStore, TrinoClient } from '@ledgerline/trino';
import { generateBenchDataset, masterDataOfCopies, writeRawFile } from '../analytics/bench-dataset.ts';
import { dashboardCases, timeCase } from '../analytics/metric-cases.ts';
import { timeFederatedQuery } from '../analytics/trino-federated.ts';
import { createLake, registerRawInLake } from '../analytics/trino-lake.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { percentile } from '../stats.ts';

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const seconds = (since: number) => (performance.now() - since) / 1000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);

// The dashboard metrics on Trino (RAW in an Iceberg catalog, one local single-node server) and on
// DuckDB (RAW in a file) over the same rows, their ratio, and the federated query's time: the
// operational PostgreSQL accounts joined with the warehouse's transactions in one Trino statement.
// The Iceberg tables are the RAW file's own rows, zero-copy: DuckDB writes them as Parquet and
// Iceberg's add_files registers the files (a CREATE TABLE AS through Trino took ~16 min at 10M).
export default defineBenchmark({
  name: 'trino',
  description: 'dashboard metrics p50 on Trino (Iceberg) vs DuckDB over the same RAW rows (ratio, answers checked equal), and the federated PostgreSQL x warehouse query',
  async run({ log }) {
    const rows = envInt('BENCH_TRINO_ROWS', 1_000_000);
    // Rows above the base are renamed copies made inside DuckDB (writeRawFile): generating 10M
    // transactions in this process would take many minutes and gigabytes.
    const baseRows = Math.min(rows, envInt('BENCH_TRINO_BASE_ROWS', 1_000_000));
    if (rows % baseRows !== 0) throw new Error(`BENCH_TRINO_ROWS (${rows}) must be a multiple of BENCH_TRINO_BASE_ROWS (${baseRows})`);
    const copies = rows / baseRows;
    const iterations = envInt('BENCH_TRINO_ITERATIONS', 5);
    const metrics: Metric[] = [];
    const notes: string[] = [`load average (1/5/15 min) at start: ${load()}`];
    const dir = mkdtempSync(join(tmpdir(), 'bench-trino-'));
    const client = new TrinoClient({ url: (await startTrino()).url, user: 'ledgerline-bench', timeoutMs: 1_800_000 });
    const lake = await createLake(client, 'bench_trino');
    try {
      const t = performance.now();
      const data = generateBenchDataset(baseRows);
      // Not raw.duckdb: DuckDB names the database after the file, and a database `raw` beside the
      // schema `raw` makes `raw.transactions` ambiguous.
      const path = join(dir, 'warehouse.duckdb');
      const total = await writeRawFile(path, data, copies);
      const master = masterDataOfCopies(data, copies);
      notes.push(`${total} transactions, ${master.accounts.length} accounts (${baseRows} generated x ${copies} renamed copies in DuckDB, ${seconds(t).toFixed(0)} s)`);
      log('registering RAW in Iceberg');
      const registered = await registerRawInLake(client, path, lake);
      metrics.push({ name: `RAW DuckDB file -> Parquet (DuckDB COPY, ${total} transactions)`, value: registered.writeSeconds, unit: 's' });
      metrics.push({ name: 'Parquet -> Iceberg tables (CREATE TABLE + add_files, no copy)', value: registered.registerSeconds, unit: 's' });
      notes.push(`Iceberg tables = ${registered.files} Parquet files (${(registered.bytes / 2 ** 20).toFixed(0)} MiB, zstd) written by DuckDB and registered in place; checked: $files are exactly those files`);

      const duck = new DuckDbAnalyticsStore({ path, prefer: 'raw' });
      const trino = new TrinoAnalyticsStore({ client, catalog: lake.catalog, prefer: 'raw' });
      const cases = dashboardCases({ customerId: data.customers[0]!.customer_id, accountId: data.accounts[0]!.account_id, month: '2025-11' });
      const differing: string[] = [];
      const failed: string[] = [];
      try {
        for (const c of cases) {
          log(`checking and timing ${c.name}`);
          try {
            // The comparison call is also Trino's warm-up (it plans and caches file metadata).
            const same = JSON.stringify(await c.run(trino)) === JSON.stringify(await c.run(duck));
            if (!same) differing.push(c.name);
            const duckMs = percentile(await timeCase(duck, c, iterations * 4, 1), 50);
            const trinoMs = percentile(await timeCase(trino, c, iterations, 0), 50);
            metrics.push({ name: `${c.name} | duckdb p50`, value: duckMs, unit: 'ms' });
            metrics.push({ name: `${c.name} | trino p50`, value: trinoMs, unit: 'ms' });
            metrics.push({ name: `${c.name} | trino / duckdb`, value: trinoMs / duckMs, unit: 'x' });
          } catch (error) {
            // One query over Trino's memory limit should not lose the other numbers of a long run.
            failed.push(`${c.name}: ${message(error)}`);
          }
        }
      } finally {
        await duck.close();
        await trino.close();
      }
      const compared = cases.length - failed.length;
      notes.push(differing.length === 0 ? `Trino and DuckDB return identical results for all ${compared} calls compared` : `RESULTS DIFFER for: ${differing.join(', ')}`);
      if (failed.length > 0) notes.push(`failed (not timed): ${failed.join('; ')}`);
      metrics.push({ name: 'metric calls whose Trino and DuckDB answers differ', value: differing.length, unit: 'calls' });

      log('timing the federated query');
      const federated = await timeFederatedQuery(client, {
        databaseUrl: lake.databaseUrl,
        lakeCatalog: lake.catalog,
        opsCatalog: uniqueName('bench_ops'),
        duckdbPath: path,
        ...master,
        iterations,
      });
      metrics.push({
        name: `federated query: ${master.accounts.length} PostgreSQL accounts x ${total} Iceberg transactions, ${federated.groups} groups (p50)`,
        value: percentile(federated.durationsMs, 50),
        unit: 'ms',
      });
      notes.push(`federated query ${federated.equalToDuckDb ? 'equals' : 'DIFFERS FROM'} DuckDB's join of the same RAW (counts and sums as text)`);
      notes.push(`${iterations} timed calls per Trino query after 1 checked call, ${iterations * 4} per DuckDB query after 1; Trino ${process.env.LEDGERLINE_TRINO_HEAP ?? '2G'} heap, ${process.env.LEDGERLINE_TRINO_QUERY_MEMORY ?? '1GB'} per query, single node`);
      notes.push(`load average at end: ${load()} (other work on this machine inflates every number)`);
      notes.push(`BENCH_TRINO_ROWS=${rows} BENCH_TRINO_BASE_ROWS=${baseRows} BENCH_TRINO_ITERATIONS=${iterations}`);
      return { metrics, notes };
    } finally {
      await lake.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
