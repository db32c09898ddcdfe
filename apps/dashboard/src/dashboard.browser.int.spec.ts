import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardServer, createInProcessAgent, ensureWebBundle, runHistoryHealth, WEB_DIST, type DashboardServer } from '@ledgerline/dashboard-http';
import type { JobRunSummary } from '@ledgerline/pipeline';
import { launchChromium, type LaunchedBrowser } from './testing/launch-chromium.ts';
import { seedAnalyticsFile, type SeededAnalyticsFile } from './testing/seeded-analytics-file.ts';

// The built page in a real Chromium against a seeded analytics file: charts carry the numbers
// of the independent computation, a filter changes them, the chat answers offline. Screenshots
// go to docs/screenshots/ for the README and docs/getting-started.md.

/** What the main job's run history holds after a few cycles (as `npm start` supplies it in process). */
const MAIN_JOB_RUNS: JobRunSummary[] = [
  { runId: '41', job: 'warehouse-sync', startedAt: new Date('2026-05-02T06:00:00Z'), finishedAt: new Date('2026-05-02T06:00:04Z'), rows: 1840, status: 'ok', failures24h: 0 },
  { runId: '40', job: 'batch-ingest', startedAt: new Date('2026-05-02T05:59:30Z'), finishedAt: new Date('2026-05-02T05:59:31Z'), rows: 2, status: 'ok', failures24h: 1 },
];

const SCREENSHOTS = resolve(fileURLToPath(import.meta.url), '../../../../docs/screenshots');

let seeded: SeededAnalyticsFile;
let store: DuckDbAnalyticsStore;
let dashboard: DashboardServer;
let browser: LaunchedBrowser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  await ensureWebBundle();
  seeded = await seedAnalyticsFile();
  store = new DuckDbAnalyticsStore({ path: seeded.path });
  const agent = createInProcessAgent({ store, baseCurrency: 'EUR', maxSteps: 8, sqlRowLimit: 200 });
  dashboard = createDashboardServer({ store, agent, health: runHistoryHealth({ history: { latestPerJob: async () => MAIN_JOB_RUNS }, deadLettered: async () => 2 }),
    staticDir: WEB_DIST,
    // Twelve seconds after the seeded file's last sync, as a running main job would be.
    now: () => new Date('2026-05-02T06:00:12Z'),
  });
  const base = await dashboard.listen(0);
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(base);
  await page.waitForSelector('body[data-state="ready"]');
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await store?.close();
  seeded?.dispose();
});

/** The page's globals, as the functions run in the page see them (this file has no DOM types). */
interface PageGlobals {
  document: { getElementById(id: string): unknown; body: { dataset: Record<string, string | undefined> } };
  echarts: { getInstanceByDom(element: unknown): { getOption(): unknown } | undefined };
}

interface ChartSeries {
  name: string;
  type: string;
  data: number[];
}

/** What ECharts holds for a chart element: its series and category axis. */
async function chartOption(id: string): Promise<{ series: ChartSeries[]; x: string[]; y: string[] }> {
  return page.evaluate((elementId) => {
    const page = globalThis as unknown as PageGlobals;
    const element = page.document.getElementById(elementId);
    const chart = element ? page.echarts.getInstanceByDom(element) : undefined;
    if (!chart) throw new Error(`no chart in #${elementId}`);
    const option = chart.getOption() as { series: ChartSeries[]; xAxis: Array<{ data?: string[] }>; yAxis: Array<{ data?: string[] }> };
    return {
      series: option.series.map((s) => ({ name: s.name, type: s.type, data: s.data })),
      x: option.xAxis[0]?.data ?? [],
      y: option.yAxis[0]?.data ?? [],
    };
  }, id);
}

/** Waits for the refresh after a filter change (data-loads counts them). */
async function afterRefresh(change: () => Promise<void>): Promise<void> {
  const before = Number(await page.getAttribute('body', 'data-loads'));
  await change();
  await page.waitForFunction((n) => {
    const { dataset } = (globalThis as unknown as PageGlobals).document.body;
    return Number(dataset.loads) > n && dataset.state === 'ready';
  }, before);
}

const kpiText = (id: string) => page.textContent(`[data-kpi="${id}"] .kpi-value`);
const cents = (money: string) => Math.round(Number(money) * 100);

describe('dashboard in Chromium', () => {
  it('loads without console errors and draws every chart with the seeded numbers', async () => {
    expect(problems).toEqual([]);
    expect(await page.textContent('#as-of')).toContain('2026-05-02 06:00:00 UTC');

    const categories = await chartOption('chart-categories');
    const truth = seeded.expected.spendByCategory();
    expect(categories.x).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(categories.series.map((s) => s.name)).toEqual([...truth.slice(0, 8).map((t) => t.category), 'All other categories']);
    const otherTotal = truth.slice(8).reduce((sum, t) => sum + cents(t.spend), 0);
    for (const [i, s] of categories.series.entries()) {
      expect(s.data).toHaveLength(4);
      // The stack of one category over the months adds up to its total.
      expect(s.data.reduce((sum, v) => sum + cents(String(v)), 0)).toBe(s.name === 'All other categories' ? otherTotal : cents(truth[i]?.spend ?? '0'));
    }

    const merchants = await chartOption('chart-merchants');
    const top = seeded.expected.topMerchants({ limit: 10 });
    expect(merchants.series).toHaveLength(1);
    expect(merchants.y).toEqual(top.map((m) => m.merchant).reverse());
    expect(merchants.series[0]?.data).toEqual(top.map((m) => Number(m.spend)).reverse());

    const cashflow = await chartOption('chart-cashflow');
    const flow = seeded.expected.cashflow();
    expect(cashflow.x).toEqual(flow.map((r) => r.month));
    expect(cashflow.series.map((s) => [s.name, s.data])).toEqual([
      ['Income', flow.map((r) => Number(r.income))],
      ['Spend', flow.map((r) => Number(r.spend))],
      ['Net', flow.map((r) => Number(r.net))],
    ]);

    const account = await page.inputValue('#balance-account');
    const balance = await chartOption('chart-balance');
    const days = seeded.expected.balancesOverTime({ accountId: account });
    expect(balance.x).toEqual(days.map((d) => d.date));
    expect(balance.series[0]?.data).toEqual(days.map((d) => Number(d.balance)));

    const kpis = seeded.expected.kpis({ month: '2026-04' });
    expect(await kpiText('count')).toBe(String(kpis.count));
    expect(await page.locator('#recurring tbody tr').count()).toBe(Math.min(15, seeded.expected.recurringPayments({ limit: 15 }).length));
    // The pipeline health the main job supplies: each job's newest run, its failures, the DLQ size.
    const health = await page.textContent('#health');
    expect(health).toContain('DLQ2');
    expect(health).toMatch(/warehouse-sync\s*succeeded at 2026-05-02 06:00:00 UTC, 1840 rows/);
    expect(health).toMatch(/batch-ingest\s*succeeded at .*, 2 rows, 1 failed in 24 h/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
    await page.locator('#health').locator('xpath=..').screenshot({ path: join(SCREENSHOTS, 'health.png') });
  });

  it('changes every view when a customer and a category are picked', async () => {
    const customer = seeded.dataset.customers[0]?.customer_id as string;
    await afterRefresh(() => page.selectOption('#f-customer', customer).then(() => undefined));
    const kpis = seeded.expected.kpis({ customerId: customer, month: '2026-04' });
    expect(await kpiText('count')).toBe(String(kpis.count));
    const merchants = await chartOption('chart-merchants');
    expect(merchants.series[0]?.data).toEqual(seeded.expected.topMerchants({ customerId: customer, limit: 10 }).map((m) => Number(m.spend)).reverse());
    const accounts = seeded.dataset.accounts.filter((a) => a.customer_id === customer).map((a) => a.account_id).sort();
    expect(await page.locator('#balance-account option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value))).toEqual(accounts);

    await afterRefresh(() => page.selectOption('#f-category', 'Groceries').then(() => undefined));
    const categories = await chartOption('chart-categories');
    expect(categories.series.map((s) => s.name)).toEqual(['Groceries']);
    const perMonth = seeded.expected.spendByPeriod({ customerId: customer, category: 'Groceries', grain: 'month' });
    const byMonth = new Map(perMonth.map((r) => [r.period.slice(0, 7), Number(r.spend)]));
    expect(categories.series[0]?.data).toEqual(categories.x.map((m) => byMonth.get(m) ?? 0));
    expect(new URL(page.url()).searchParams.get('customer')).toBe(customer);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-filtered.png'), fullPage: true });
  });

  it('shows the API message when the date range is inverted', async () => {
    await afterRefresh(async () => {
      await page.fill('#f-to', '2026-02-01');
      await page.fill('#f-from', '2026-03-01');
      await page.dispatchEvent('#f-from', 'change');
    });
    expect(await page.textContent('#banner')).toBe('from: from 2026-03-01 is after to 2026-02-01');
    expect(await page.isVisible('#banner')).toBe(true);
    expect(await page.textContent('#chart-cashflow')).toContain('is after');
    // The browser logs each refused request; those are the only problems, and expected here.
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
    problems.length = 0;
    await afterRefresh(() => page.click('#f-reset'));
    expect(await page.isVisible('#banner')).toBe(false);
    expect(await chartOption('chart-cashflow')).toMatchObject({ x: seeded.expected.cashflow().map((r) => r.month) });
  });

  it('answers a question in the chat panel with the offline agent and shows its sources', async () => {
    const customer = seeded.dataset.customers[0]?.customer_id as string;
    const truth = seeded.expected.spendByCategory({ customerId: customer, category: 'Groceries', from: '2026-03-01', to: '2026-03-31' })[0];
    expect(truth).toBeDefined();
    await page.fill('#chat-input', `How much did ${customer} spend on groceries in March 2026?`);
    await page.click('#chat-send');
    const answer = page.locator('.chat-answer').first();
    await answer.waitFor();
    expect(await answer.locator('.answer-text').textContent()).toContain(truth?.spend);
    expect(await answer.locator('.sources li').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.locator('#chat-form').locator('xpath=..').screenshot({ path: join(SCREENSHOTS, 'chat.png') });
  });
});
