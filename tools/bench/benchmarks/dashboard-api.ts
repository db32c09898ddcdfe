import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
// The app is not a library: the benchmark reaches its public entry point by path.
import { createDashboardServer, unknownPipelineHealth } from '@ledgerline/dashboard-http';
import { generateBenchDataset, writeRawFile } from '../analytics/bench-dataset.ts';
import { defineBenchmark } from '../benchmark.ts';
import { latencySummary, percentile } from '../stats.ts';

const ROWS = Number(process.env.BENCH_DASHBOARD_ROWS ?? 1_000_000);
const COPIES = Number(process.env.BENCH_DASHBOARD_COPIES ?? 10);
const ROUNDS = Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 20);

/**
 * What the page asks on a load or filter change, one request at a time over HTTP: each round
 * uses another customer (alternating with no customer), so caches of one answer do not help.
 */
function pageRequests(customer: string | undefined, account: string, range: { from: string; to: string }): string[] {
  const c = customer ? `customer=${encodeURIComponent(customer)}&` : '';
  const r = `from=${range.from}&to=${range.to}`;
  return [
    `/api/kpis?${c.slice(0, -1)}`,
    `/api/spend-by-category?${c}${r}&grain=month`,
    `/api/top-merchants?${c}${r}&limit=10`,
    `/api/cashflow?${c}${r}`,
    `/api/balance?account=${encodeURIComponent(account)}&${r}`,
    `/api/recurring?${c}${r}&limit=15`,
    `/api/anomalies?${c}${r}&limit=15`,
    '/api/health',
  ];
}

export default defineBenchmark({
  name: 'dashboard-api',
  description: 'dashboard API latency (every endpoint the page calls) on a DuckDB file of BENCH_DASHBOARD_ROWS transactions',
  async run({ log }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-dashboard-'));
    const path = join(dir, 'analytics.duckdb');
    try {
      log(`writing ${ROWS} transactions (${ROWS / COPIES} generated x ${COPIES})`);
      const data = generateBenchDataset(Math.ceil(ROWS / COPIES));
      const total = await writeRawFile(path, data, COPIES);
      // What `analytics sync` does after moving rows: the serving layer the dashboard reads.
      log('building the serving layer');
      await DuckDbAnalyticsStore.refreshServing(path, { full: true });
      const store = new DuckDbAnalyticsStore({ path });
      const dashboard = createDashboardServer({ store, health: unknownPipelineHealth('benchmark') });
      const base = await dashboard.listen(0);
      try {
        const customers = data.customers.map((c) => c.customer_id);
        const accounts = data.accounts.map((a) => a.account_id);
        const range = { from: '2025-01-01', to: '2025-12-31' };
        const fetchOk = async (url: string) => {
          const response = await fetch(`${base}${url}`);
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
          await response.arrayBuffer();
        };
        log('warming up');
        for (const url of pageRequests(undefined, accounts[0] as string, range)) await fetchOk(url);
        const byEndpoint = new Map<string, number[]>();
        const all: number[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          const customer = round % 2 === 0 ? undefined : customers[round % customers.length];
          for (const url of pageRequests(customer, accounts[round % accounts.length] as string, range)) {
            const started = performance.now();
            await fetchOk(url);
            const ms = performance.now() - started;
            all.push(ms);
            const endpoint = url.split('?')[0] as string;
            byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), ms]);
          }
        }
        return {
          metrics: [
            { name: 'p95', value: percentile(all, 95), unit: 'ms' },
            ...latencySummary(all),
            ...[...byEndpoint].map(([endpoint, samples]) => ({ name: `p95 ${endpoint}`, value: percentile(samples, 95), unit: 'ms' })),
          ],
          notes: [
            `${total} transactions in RAW + the serving layer (no marts), ${ROUNDS} rounds x ${byEndpoint.size} endpoints, sequential HTTP requests`,
            'BENCH_DASHBOARD_ROWS, BENCH_DASHBOARD_COPIES, BENCH_DASHBOARD_ROUNDS; target p95 < 150 ms',
          ],
        };
      } finally {
        await dashboard.close();
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
