import { catalogEntries, measureSql } from '@ledgerline/analytics';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { createDashboardServer, createInProcessAgent, unknownPipelineHealth, type DashboardServer } from '@ledgerline/dashboard-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApi, postApi } from '../testing/api-client.ts';
import { seedAnalyticsFile, type SeededAnalyticsFile } from '../testing/seeded-analytics-file.ts';

// Issue #20 item 3: "spend", "income", "net" and "percent change" mean one thing on every surface.
// The dashboard's KPI figures and its agent's answers, for the same customer and month, must be
// the same numbers: both come from the metric catalog (SEMANTIC_CATALOG in @ledgerline/analytics).

let seeded: SeededAnalyticsFile;
let store: DuckDbAnalyticsStore;
let dashboard: DashboardServer;
let base: string;

beforeAll(async () => {
  seeded = await seedAnalyticsFile();
  store = new DuckDbAnalyticsStore({ path: seeded.path });
  const agent = createInProcessAgent({ store, baseCurrency: 'EUR', maxSteps: 8, sqlRowLimit: 200 });
  dashboard = createDashboardServer({ store, agent, health: unknownPipelineHealth('Postgres is not configured') });
  base = await dashboard.listen(0);
});

afterAll(async () => {
  await dashboard?.close();
  await store?.close();
  seeded?.dispose();
});

interface Kpis {
  spend: string;
  income: string;
  net: string;
  change: { spend_pct: number | null; income_pct: number | null };
}

const ask = async (question: string) => {
  const { status, body } = await postApi(base, '/api/ask', { question });
  expect(status).toBe(200);
  return (body.data as { answer: string }).answer;
};
const pctText = (pct: number) => `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;
const customers = () => [...new Set(seeded.dataset.accounts.map((a) => a.customer_id))].sort().slice(0, 3);

describe('the metric catalog on the dashboard and in its agent', () => {
  it('serves the catalog, with the SQL of each measure', async () => {
    const { status, body } = await getApi(base, '/api/metric-catalog');
    expect(status).toBe(200);
    const entries = body.data as Array<{ name: string; sql?: string }>;
    expect(entries.map((e) => e.name)).toEqual(catalogEntries().map((e) => e.name));
    expect(entries.find((e) => e.name === 'spend')?.sql).toBe(measureSql('spend'));
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['balance', 'income', 'spend', 'net', 'percent_change', 'average_per_month']));
  });

  it.each(['2026-03', '2026-04'])('the KPIs and the agent give the same spend, income, net and percent change (%s)', async (month) => {
    const label = new Date(`${month}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const previous = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 2, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    for (const customer of customers()) {
      const kpis = (await getApi(base, '/api/kpis', { customer, month })).body.data as Kpis;
      expect(await ask(`How much did ${customer} spend in ${label}?`)).toContain(`${kpis.spend} EUR`);
      expect(await ask(`What was ${customer}'s income in ${label}?`)).toContain(`${kpis.income} EUR`);
      expect(await ask(`What was the net cash flow of ${customer} in ${label}?`)).toMatch(new RegExp(`(?<![\\d.])[+]?${kpis.net.replace('.', '\\.')} EUR`));
      if (kpis.change.spend_pct !== null) {
        expect(await ask(`By what percent did ${customer}'s spending change from ${previous} to ${label}?`)).toContain(pctText(kpis.change.spend_pct));
      }
    }
  }, 120_000);
});
