import { monthBounds } from '@ledgerline/analytics';
import { fromCents, toCents } from '@ledgerline/transactions';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApi, postApi } from '../testing/api-client.ts';
import { seedAnalyticsFile, type SeededAnalyticsFile } from '../testing/seeded-analytics-file.ts';
import { createDashboardServer, createInProcessAgent, MAX_CATEGORY_SERIES, OTHER_SERIES, unknownPipelineHealth, type DashboardServer } from '@ledgerline/dashboard-http';

// Every endpoint against a seeded DuckDB file, compared with ExpectedMetrics (the analytics
// contract's independent TypeScript computation over the same generated rows).

let seeded: SeededAnalyticsFile;
let store: DuckDbAnalyticsStore;
let dashboard: DashboardServer;
let base: string;
const now = new Date('2026-05-02T07:30:00.000Z');

beforeAll(async () => {
  seeded = await seedAnalyticsFile();
  store = new DuckDbAnalyticsStore({ path: seeded.path });
  const agent = createInProcessAgent({ store, baseCurrency: 'EUR', maxSteps: 8, sqlRowLimit: 200 });
  dashboard = createDashboardServer({ store, agent, health: unknownPipelineHealth('Postgres is not configured'), now: () => now });
  base = await dashboard.listen(0);
});

afterAll(async () => {
  await dashboard?.close();
  await store?.close();
  seeded?.dispose();
});

const get = (path: string, query: Record<string, string> = {}) => getApi(base, path, query);
const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10);
/** A customer with spend in several categories (so filters visibly change the numbers). */
const busyCustomer = () => {
  const counts = new Map<string, number>();
  for (const tx of seeded.dataset.transactions) {
    const c = seeded.expected.customerIdOf(tx);
    if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] as string;
};

describe('dashboard API on a seeded analytics file', () => {
  it('lists the filter options from the data, and every answer says when the data was synced', async () => {
    const { status, body } = await get('/api/filters');
    expect(status).toBe(200);
    expect(body.as_of).toMatchObject({ last_sync_at: seeded.syncedAt, source: 'serving' });
    const data = body.data as { customers: Array<{ customer_id: string }>; accounts: unknown[]; categories: string[]; first_day: string; last_day: string };
    expect(data.customers.map((c) => c.customer_id)).toEqual(seeded.dataset.customers.map((c) => c.customer_id).sort());
    expect(data.accounts).toHaveLength(seeded.dataset.accounts.length);
    expect(data.categories).toEqual([...new Set(seeded.dataset.transactions.map((t) => t.category))].sort());
    const days = seeded.dataset.transactions.map((t) => dayOf(t.occurred_at)).sort();
    expect([data.first_day, data.last_day]).toEqual([days[0], days.at(-1)]);
  });

  it('answers KPIs for the latest month, per customer, equal to the ground truth', async () => {
    const all = await get('/api/kpis');
    const month = (all.body.data as { month: string }).month;
    expect(all.body.data).toEqual(seeded.expected.kpis({ month }));
    const customer = busyCustomer();
    const mine = await get('/api/kpis', { customer, month: '2026-03' });
    expect(mine.body.data).toEqual(seeded.expected.kpis({ customerId: customer, month: '2026-03' }));
    expect(mine.body.data).not.toEqual(seeded.expected.kpis({ month: '2026-03' }));
  });

  it('answers spend by category per month equal to the ground truth per month', async () => {
    const customer = busyCustomer();
    for (const filters of [{}, { customer }] as Array<Record<string, string>>) {
      const { status, body } = await get('/api/spend-by-category', { ...filters, grain: 'month', from: '2026-01-10', to: '2026-04-20' });
      expect(status).toBe(200);
      const data = body.data as { periods: string[]; series: Array<{ category: string; total: string; values: string[] }> };
      expect(data.periods).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
      const customerId = 'customer' in filters ? customer : undefined;
      const totals = seeded.expected.spendByCategory({ customerId, from: '2026-01-10', to: '2026-04-20' });
      // The top categories one by one, the rest summed into "Other".
      const drawn = totals.slice(0, MAX_CATEGORY_SERIES);
      const rest = totals.slice(MAX_CATEGORY_SERIES);
      const other = rest.length > 0 ? [[OTHER_SERIES, fromCents(rest.reduce((sum, r) => sum + toCents(r.spend), 0n))]] : [];
      expect(data.series.map((s) => [s.category, s.total])).toEqual([...drawn.map((t) => [t.category, t.spend]), ...other]);
      data.periods.forEach((period, i) => {
        const { start, nextStart } = monthBounds(period.slice(0, 7));
        const last = new Date(Date.parse(nextStart) - 86_400_000).toISOString().slice(0, 10);
        const from = start < '2026-01-10' ? '2026-01-10' : start;
        const to = last > '2026-04-20' ? '2026-04-20' : last;
        const truth = new Map(seeded.expected.spendByCategory({ customerId, from, to }).map((r) => [r.category, r.spend]));
        const restInPeriod = rest.reduce((sum, r) => sum + toCents(truth.get(r.category) ?? '0.00'), 0n);
        for (const s of data.series) {
          const expected = s.category === OTHER_SERIES ? fromCents(restInPeriod) : (truth.get(s.category) ?? '0.00');
          expect([period, s.category, s.values[i]]).toEqual([period, s.category, expected]);
        }
      });
    }
  });

  it('answers top merchants, cash flow, recurring payments and anomalies equal to the ground truth, and filters change them', async () => {
    const customer = busyCustomer();
    const top = await get('/api/top-merchants', { limit: '5' });
    expect(top.body.data).toEqual(seeded.expected.topMerchants({ limit: 5 }));
    const topMine = await get('/api/top-merchants', { limit: '5', customer, category: 'Groceries' });
    expect(topMine.body.data).toEqual(seeded.expected.topMerchants({ limit: 5, customerId: customer, category: 'Groceries' }));
    expect(topMine.body.data).not.toEqual(top.body.data);

    const range = { from: '2026-02-01', to: '2026-03-31' };
    expect((await get('/api/cashflow', range)).body.data).toEqual(seeded.expected.cashflow(range));
    expect((await get('/api/cashflow', { ...range, customer })).body.data).toEqual(seeded.expected.cashflow({ ...range, customerId: customer }));
    expect((await get('/api/recurring')).body.data).toEqual(seeded.expected.recurringPayments({ limit: 50 }));
    expect((await get('/api/anomalies', { limit: '30' })).body.data).toEqual(seeded.expected.anomalies({ limit: 30 }));
  });

  it('answers the daily balance of an account equal to the opening balance rolled forward', async () => {
    const account = seeded.dataset.accounts[0]?.account_id as string;
    const { body } = await get('/api/balance', { account, from: '2026-02-01', to: '2026-02-28' });
    const rows = body.data as Array<{ date: string }>;
    expect(rows).toEqual(seeded.expected.balancesOverTime({ accountId: account, from: '2026-02-01', to: '2026-02-28' }));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('reports health from the analytics file, and the pipeline as unknown without Postgres', async () => {
    const { body } = await get('/api/health');
    const data = body.data as { last_sync_at: string; sync_lag_seconds: number; watermarks: Array<{ table: string }>; pipeline: { state: string } };
    expect(data.last_sync_at).toBe(seeded.syncedAt);
    expect(data.sync_lag_seconds).toBe(5400);
    expect(data.watermarks.map((w) => w.table).sort()).toEqual(['accounts', 'companies', 'customer_companies', 'customers', 'transactions']);
    expect(data.pipeline).toEqual({ state: 'unknown', reason: 'Postgres is not configured' });
  });

  it.each([
    [{ customer: 'C-NOPE' }, /unknown customer C-NOPE/],
    [{ account: 'A-NOPE' }, /unknown account A-NOPE/],
    [{ category: 'Yachts' }, /unknown category Yachts/],
    [{ from: '2026-03-01', to: '2026-01-01' }, /from 2026-03-01 is after to 2026-01-01/],
    [{ from: '1990-01-01', to: '2026-01-01' }, /longer than 10 years/],
    [{ from: '2026-02-30' }, /calendar date/],
    [{ colour: 'red' }, /unknown parameter colour/],
    [{ limit: '0' }, /limit/],
  ])('refuses bad filters %j with 400 and a message', async (query, message) => {
    const { status, body } = await get('/api/top-merchants', query);
    expect(status).toBe(400);
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error).toMatch(message);
    expect(String(body.error)).not.toMatch(/\n\s+at /);
  });

  it('refuses an account of another customer, a balance without account and a week range too long to draw', async () => {
    const [a, b] = seeded.dataset.customers;
    const accountOfB = seeded.dataset.accounts.find((x) => x.customer_id === b?.customer_id)?.account_id as string;
    const other = await get('/api/cashflow', { customer: a?.customer_id as string, account: accountOfB });
    expect(other).toEqual({ status: 400, body: { error: `account ${accountOfB} does not belong to customer ${a?.customer_id}` } });
    expect((await get('/api/balance')).body).toEqual({ error: 'account is required: pick an account' });
    const weeks = await get('/api/spend-by-category', { grain: 'week', from: '2020-01-01', to: '2026-01-01' });
    expect(weeks.status).toBe(400);
    expect(weeks.body.error).toMatch(/more than 160 weeks/);
    expect((await get('/api/nope')).status).toBe(404);
    expect((await postApi(base, '/api/kpis', {})).status).toBe(405);
  });

  it('answers a question with the offline agent, showing its sources', async () => {
    const customer = busyCustomer();
    const truth = seeded.expected.spendByCategory({ customerId: customer, category: 'Groceries', from: '2026-03-01', to: '2026-03-31' })[0];
    expect(truth).toBeDefined();
    const { status, body } = await postApi(base, '/api/ask', { question: `How much did ${customer} spend on groceries in March 2026?` });
    expect(status).toBe(200);
    const data = body.data as { answer: string; sources: unknown[]; toolCalls: Array<{ name: string }> };
    expect(data.answer).toContain(truth?.spend ?? '0.00');
    expect(data.sources.length).toBeGreaterThan(0);
    expect(data.toolCalls.length).toBeGreaterThan(0);
  });

  it('refuses an empty question and a body that is not JSON', async () => {
    expect(await postApi(base, '/api/ask', { question: '  ' })).toEqual({ status: 400, body: { error: 'question: ask a question' } });
    expect(await postApi(base, '/api/ask', '{nope')).toEqual({ status: 400, body: { error: 'the body is not valid JSON' } });
  });
});
