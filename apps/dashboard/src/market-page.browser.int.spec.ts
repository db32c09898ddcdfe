import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyticsStore } from '@ledgerline/analytics';
import { createDashboardServer, ensureWebBundle, unknownPipelineHealth, WEB_DIST, type DashboardServer } from '@ledgerline/dashboard-http';
import { DuckDbAnalyticsStore, DuckDbMarketReads } from '@ledgerline/duckdb';
import type { Page } from 'playwright-core';
import { BollingerBands, EMA, MACD, SMA } from 'technicalindicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getApi } from './testing/api-client.ts';
import { launchChromium, type LaunchedBrowser } from './testing/launch-chromium.ts';
import { seedMarketFile, type SeededMarketFile } from './testing/seeded-market-file.ts';

// The market page (issue #18) over a warehouse file the real dbt build has modelled: the API's
// bars equal RAW, its indicators equal the technicalindicators library on RAW's closes, the
// comparison equals the spread computed here, news equals RAW's mentions; then the built page in
// real Chromium draws those numbers, and its toggles, panel and asset picker change the charts.

const SCREENSHOTS = resolve(fileURLToPath(import.meta.url), '../../../../docs/screenshots');
const CRYPTO_TABLES = ['market_crypto_prices_binance', 'market_crypto_prices_coingecko', 'market_crypto_prices_yahoo'];

let seeded: SeededMarketFile;
let bare: SeededMarketFile;
let store: DuckDbAnalyticsStore;
let reads: DuckDbMarketReads;
let bareReads: DuckDbMarketReads;
let dashboard: DashboardServer;
let bareDashboard: DashboardServer;
let noMarket: DashboardServer;
let base: string;
let bareBase: string;
let noMarketBase: string;
let browser: LaunchedBrowser;
let page: Page;
const problems: string[] = [];

interface RawBar {
  open_ms: bigint;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string | null;
}

const rawBars = (table: string, source: string, symbol: string, interval: string) =>
  seeded.rows<RawBar>(
    `SELECT epoch_ms(open_time) AS open_ms, open::VARCHAR AS open, high::VARCHAR AS high, low::VARCHAR AS low, close::VARCHAR AS close, volume::VARCHAR AS volume
       FROM raw.${table} WHERE source = '${source}' AND symbol = '${symbol}' AND bar_interval = '${interval}' ORDER BY open_time`,
  );

function expectRelative(actual: unknown, expected: number | undefined, label: string): void {
  if (expected === undefined) {
    expect(actual, `${label}: warm-up must be null`).toBeNull();
    return;
  }
  expect(typeof actual, label).toBe('number');
  expect(Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), 1e-300), `${label}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}
const alignedTo = <T,>(length: number, values: T[]): Array<T | undefined> => [...Array<undefined>(length - values.length).fill(undefined), ...values];

beforeAll(async () => {
  const built = ensureWebBundle();
  [seeded, bare] = await Promise.all([seedMarketFile(), seedMarketFile({ symbols: ['BTC'], dbt: false })]);
  await built;
  store = new DuckDbAnalyticsStore({ path: seeded.path });
  reads = new DuckDbMarketReads({ path: seeded.path });
  bareReads = new DuckDbMarketReads({ path: bare.path });
  const health = unknownPipelineHealth('not configured');
  dashboard = createDashboardServer({ store, market: reads, health, staticDir: WEB_DIST });
  bareDashboard = createDashboardServer({ store: {} as AnalyticsStore, market: bareReads, health });
  noMarket = createDashboardServer({ store: {} as AnalyticsStore, health });
  [base, bareBase, noMarketBase] = await Promise.all([dashboard.listen(0), bareDashboard.listen(0), noMarket.listen(0)]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const server of [dashboard, bareDashboard, noMarket]) await server?.close();
  for (const closable of [store, reads, bareReads]) await closable?.close();
  seeded?.dispose();
  bare?.dispose();
});

describe('market API', () => {
  it('lists every asset with its series as RAW holds them', async () => {
    const { status, body } = await getApi(base, '/api/market/assets');
    expect(status).toBe(200);
    const assets = body.data as Array<{ symbol: string; name: string; asset_class: string; series: Array<{ source: string; interval: string; bars: number; last_close: string }> }>;
    expect(assets.map((a) => a.symbol).sort()).toEqual(['AAPL', 'BTC', 'ETH', 'SOL']);
    const truth = await seeded.rows<{ source: string; symbol: string; bar_interval: string; n: bigint; last_close: string }>(
      ['market_stock_prices_yahoo', ...CRYPTO_TABLES]
        .map((t) => `SELECT source, symbol, bar_interval, count(*) AS n, arg_max(close, open_time)::DOUBLE::VARCHAR AS last_close FROM raw.${t} GROUP BY ALL`)
        .join(' UNION ALL '),
    );
    const listed = assets.flatMap((a) => a.series.map((s) => `${a.symbol}|${s.source}|${s.interval}|${s.bars}|${Number(s.last_close)}`)).sort();
    expect(listed).toEqual(truth.map((t) => `${t.symbol}|${t.source}|${t.bar_interval}|${Number(t.n)}|${Number(t.last_close)}`).sort());
    expect(assets.find((a) => a.symbol === 'AAPL')).toMatchObject({ name: 'Apple Inc.', asset_class: 'stock' });
    expect((body.as_of as { latest_bar_at: string }).latest_bar_at).toBe('2024-12-31T23:00:00.000Z');
  });

  it('candles: OHLCV exact from RAW, indicators equal to technicalindicators on the same closes (warm-up included)', async () => {
    const { status, body } = await getApi(base, '/api/market/candles', { symbol: 'btc', interval: '1d', limit: '250' });
    expect(status).toBe(200);
    const data = body.data as { source: string; interval: string; indicators_missing: string | null; bars: Array<Record<string, unknown>> };
    expect(data).toMatchObject({ source: 'binance', interval: '1d', indicators_missing: null });
    const raw = await rawBars('market_crypto_prices_binance', 'binance', 'BTC', '1d');
    expect(raw.length).toBe(214);
    expect(data.bars).toHaveLength(raw.length);
    for (const [i, bar] of data.bars.entries()) {
      const truth = raw[i] as RawBar;
      expect(bar.open_time).toBe(new Date(Number(truth.open_ms)).toISOString());
      for (const key of ['open', 'high', 'low', 'close', 'volume'] as const) {
        // The same digits RAW holds, with the trailing zeros of DECIMAL(38,18) left off.
        expect(bar[key], `${key} of bar ${i}`).toBe(String(truth[key]).replace(/\.?0+$/, ''));
      }
    }
    const closes = raw.map((r) => Number(r.close));
    const n = closes.length;
    const sma20 = alignedTo(n, SMA.calculate({ period: 20, values: closes }));
    const sma200 = alignedTo(n, SMA.calculate({ period: 200, values: closes }));
    const ema26 = alignedTo(n, EMA.calculate({ period: 26, values: closes }));
    const bands = alignedTo(n, BollingerBands.calculate({ period: 20, stdDev: 2, values: closes }));
    const macd = alignedTo(n, MACD.calculate({ values: closes, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }));
    for (const [i, bar] of data.bars.entries()) {
      expectRelative(bar.sma_20, sma20[i], `sma_20[${i}]`);
      expectRelative(bar.sma_200, sma200[i], `sma_200[${i}]`);
      expectRelative(bar.ema_26, ema26[i], `ema_26[${i}]`);
      expectRelative(bar.bollinger_upper, bands[i]?.upper, `bollinger_upper[${i}]`);
      expectRelative(bar.bollinger_lower, bands[i]?.lower, `bollinger_lower[${i}]`);
      expectRelative(bar.macd, macd[i]?.MACD, `macd[${i}]`);
      if (i >= 33) expectRelative(bar.macd_signal, macd[i]?.signal, `macd_signal[${i}]`);
    }
    const rsi = await seeded.rows<{ rsi_14: number | null }>(`SELECT rsi_14 FROM marts.mart_asset_indicators WHERE source = 'binance' AND symbol = 'BTC' AND bar_interval = '1d' ORDER BY open_time`);
    expect(data.bars.map((b) => b.rsi_14)).toEqual(rsi.map((r) => r.rsi_14));
    expect(data.bars[14]?.rsi_14).not.toBeNull();

    // A range and a limit: the newest `limit` bars of the range, oldest first.
    const window = await getApi(base, '/api/market/candles', { symbol: 'BTC', interval: '1d', from: '2024-09-01', to: '2024-09-30', limit: '10' });
    const times = (window.body.data as { bars: Array<{ open_time: string }> }).bars.map((b) => b.open_time.slice(0, 10));
    expect(times).toEqual(Array.from({ length: 10 }, (_, k) => `2024-09-${String(21 + k)}`));
  });

  it('comparison: each source against the mean, spread equal to (max - min) / mean computed here', async () => {
    const { body } = await getApi(base, '/api/market/comparison', { symbol: 'ETH', interval: '1d', limit: '30' });
    const data = body.data as { missing: string | null; rows: Array<{ open_time: string; source_count: number; spread_bps: number; sources: Record<string, { close: string }> }> };
    expect(data.missing).toBeNull();
    expect(data.rows).toHaveLength(30);
    const closes = await seeded.rows<{ open_ms: bigint; source: string; close: number }>(
      CRYPTO_TABLES.map((t) => `SELECT epoch_ms(open_time) AS open_ms, source, close::DOUBLE AS close FROM raw.${t} WHERE symbol = 'ETH' AND bar_interval = '1d'`).join(' UNION ALL '),
    );
    for (const row of data.rows) {
      const same = closes.filter((c) => new Date(Number(c.open_ms)).toISOString() === row.open_time);
      expect(Object.keys(row.sources).sort()).toEqual(same.map((c) => c.source).sort());
      expect(row.source_count).toBe(same.length);
      const values = same.map((c) => c.close);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(row.spread_bps).toBeCloseTo(((Math.max(...values) - Math.min(...values)) / mean) * 10_000, 3);
      for (const c of same) expect(Number(row.sources[c.source]?.close)).toBe(c.close);
    }
  });

  it('news: the articles RAW links to the asset in the range, newest first, with every asset they mention', async () => {
    const { body } = await getApi(base, '/api/market/news', { symbol: 'SOL', from: '2024-10-01', to: '2024-12-31' });
    const news = body.data as Array<{ article_id: string; published_at: string; symbols: string[] }>;
    const truth = await seeded.rows<{ article_id: string; published_ms: bigint; symbols: string }>(
      `SELECT n.article_id, epoch_ms(n.published_at) AS published_ms, (SELECT string_agg(symbol, ',' ORDER BY symbol) FROM raw.market_news_mentions x WHERE x.article_id = n.article_id) AS symbols
         FROM raw.market_news n JOIN raw.market_news_mentions m USING (source, article_id)
        WHERE m.symbol = 'SOL' AND n.published_at >= TIMESTAMP '2024-10-01' AND n.published_at < TIMESTAMP '2025-01-01'
        ORDER BY n.published_at DESC, n.article_id`,
    );
    expect(truth.length).toBeGreaterThan(3);
    expect(news.map((n) => [n.article_id, n.published_at, n.symbols.join(',')])).toEqual(
      truth.map((t) => [t.article_id, new Date(Number(t.published_ms)).toISOString(), t.symbols]),
    );
  });

  it('refuses, with the reason, an unknown asset, an interval or source the asset lacks, and bad parameters', async () => {
    const cases: Array<[string, Record<string, string>, number, string]> = [
      ['/api/market/candles', { symbol: 'XYZ' }, 400, 'unknown asset XYZ: no prices for it in the warehouse (known: AAPL, BTC, ETH, SOL)'],
      ['/api/market/candles', { symbol: 'AAPL', interval: '1m' }, 400, 'AAPL has no 1m bars (it has: 1h, 1d)'],
      ['/api/market/candles', { symbol: 'AAPL', source: 'binance' }, 400, 'AAPL has no 1d bars from binance (sources: yahoo)'],
      ['/api/market/candles', { symbol: 'BTC', interval: '2d' }, 400, 'interval:'],
      ['/api/market/candles', { symbol: 'BTC', limit: '5000' }, 400, 'limit:'],
      ['/api/market/candles', { symbol: 'BTC', from: '2024-12-01', to: '2024-11-01' }, 400, 'from: from is after to'],
      ['/api/market/candles', { symbol: 'BTC', from: '2024-13-45' }, 400, 'from: a UTC day'],
      ['/api/market/candles', { symbol: 'BTC', colour: 'red' }, 400, 'unknown parameter colour'],
      ['/api/market/news', { symbol: 'ZZZQ' }, 400, 'unknown asset ZZZQ'],
      ['/api/market/prices', {}, 404, 'no such endpoint'],
    ];
    for (const [path, query, status, message] of cases) {
      const answer = await getApi(base, path, query);
      expect([path, query, answer.status]).toEqual([path, query, status]);
      expect(String(answer.body.error)).toContain(message);
    }
    expect(await getApi(noMarketBase, '/api/market/assets')).toEqual({ status: 503, body: { error: 'market data is not available in this dashboard (no market reads configured)' } });
  });

  it('before dbt has built the marts: bars from RAW, every indicator null with the reason, no comparison yet', async () => {
    const candles = await getApi(bareBase, '/api/market/candles', { symbol: 'BTC', interval: '1h' });
    const data = candles.body.data as { bars: Array<Record<string, unknown>>; indicators_missing: string };
    expect(data.bars).toHaveLength(24);
    expect(data.indicators_missing).toContain('mart_asset_indicators is not built yet');
    expect(data.bars.every((b) => b.sma_20 === null && b.rsi_14 === null)).toBe(true);
    const comparison = await getApi(bareBase, '/api/market/comparison', { symbol: 'BTC' });
    expect(comparison.body.data).toMatchObject({ rows: [], missing: expect.stringContaining('fct_asset_price_comparison is not built yet') });
  });
});

interface PageGlobals {
  document: { getElementById(id: string): unknown; body: { dataset: Record<string, string | undefined> } };
  echarts: { getInstanceByDom(element: unknown): { getOption(): unknown } | undefined };
}
interface ChartSeries {
  name: string;
  type: string;
  data: unknown[];
}

async function chartSeries(id: string): Promise<{ series: ChartSeries[]; x: string[] }> {
  return page.evaluate((elementId) => {
    const globals = globalThis as unknown as PageGlobals;
    const element = globals.document.getElementById(elementId);
    const chart = element ? globals.echarts.getInstanceByDom(element) : undefined;
    if (!chart) throw new Error(`no chart in #${elementId}`);
    const option = chart.getOption() as { series: ChartSeries[]; xAxis: Array<{ data?: string[] }> };
    return { series: option.series.map((s) => ({ name: s.name, type: s.type, data: s.data })), x: option.xAxis[0]?.data ?? [] };
  }, id);
}

async function afterRefresh(change: () => Promise<unknown>): Promise<void> {
  const before = Number(await page.getAttribute('body', 'data-loads'));
  await change();
  await page.waitForFunction((n) => {
    const { dataset } = (globalThis as unknown as PageGlobals).document.body;
    return Number(dataset.loads) > n && dataset.state === 'ready';
  }, before);
}

describe('market page in Chromium', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(`${base}/market.html?symbol=BTC&interval=1d`);
    await page.waitForSelector('body[data-state="ready"]');
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  it('draws BTC candles, volume, SMA 20 and Bollinger from the API, with a pin per article on the time axis', async () => {
    expect(problems).toEqual([]);
    const api = (await getApi(base, '/api/market/candles', { symbol: 'BTC', interval: '1d' })).body.data as { bars: Array<Record<string, string | number | null>> };
    const chart = await chartSeries('chart-candles');
    expect(chart.series.map((s) => s.name)).toEqual(['Price', 'Volume', 'SMA 20', 'Bollinger upper', 'Bollinger middle', 'Bollinger lower', 'News']);
    expect(chart.x).toEqual(api.bars.map((b) => String(b.open_time).slice(0, 10)));
    expect(chart.series[0]?.data).toEqual(api.bars.map((b) => [Number(b.open), Number(b.close), Number(b.low), Number(b.high)]));
    expect((chart.series[1]?.data as Array<{ value: number }>).map((d) => d.value)).toEqual(api.bars.map((b) => Number(b.volume)));
    expect(chart.series[2]?.data).toEqual(api.bars.map((b) => b.sma_20));
    expect(chart.series[3]?.data).toEqual(api.bars.map((b) => b.bollinger_upper));
    // Every BTC article from the first bar's open to the last bar's close, pinned to its day.
    const first = String(api.bars[0]?.open_time);
    const articles = await seeded.rows<{ title: string; day: string }>(
      `SELECT n.title, strftime(n.published_at, '%Y-%m-%d') AS day FROM raw.market_news n JOIN raw.market_news_mentions m USING (source, article_id)
        WHERE m.symbol = 'BTC' AND n.published_at >= TIMESTAMP '${first.slice(0, 10)}' ORDER BY n.published_at DESC`,
    );
    const pins = chart.series[6]?.data as Array<{ name: string; value: [number, number] }>;
    expect(articles.length).toBeGreaterThan(5);
    expect(pins.map((p) => `${chart.x[p.value[0]]} ${p.name}`).sort()).toEqual(articles.map((a) => `${a.day} ${a.title}`).sort());
    expect(await page.locator('#news li').count()).toBe(articles.length);
    const comparison = await chartSeries('chart-comparison');
    expect(comparison.series.map((s) => s.name)).toEqual(['binance', 'coingecko', 'yahoo', 'Spread (bps)']);
    const cmp = (await getApi(base, '/api/market/comparison', { symbol: 'BTC', interval: '1d' })).body.data as { rows: Array<{ spread_bps: number; sources: Record<string, { deviation_bps: number }> }> };
    expect(comparison.series[0]?.data).toEqual(cmp.rows.map((r) => r.sources.binance?.deviation_bps ?? null));
    expect(comparison.series[3]?.data).toEqual(cmp.rows.map((r) => r.spread_bps));
    expect((await chartSeries('chart-panel')).series.map((s) => s.name)).toEqual(['RSI 14']);
    await page.screenshot({ path: join(SCREENSHOTS, 'market.png'), fullPage: true });
  });

  it('toggles overlays, switches the panel to MACD, and picks another asset (its own source)', async () => {
    await afterRefresh(() => page.uncheck('#m-overlays input[value="bollinger"]'));
    await afterRefresh(() => page.check('#m-overlays input[value="ema_12"]'));
    expect((await chartSeries('chart-candles')).series.map((s) => s.name)).toEqual(['Price', 'Volume', 'SMA 20', 'EMA 12', 'News']);
    await afterRefresh(() => page.selectOption('#m-panel', 'macd'));
    const macd = await chartSeries('chart-panel');
    expect(macd.series.map((s) => s.name)).toEqual(['Histogram', 'MACD', 'Signal']);

    await afterRefresh(() => page.selectOption('#m-symbol', 'AAPL'));
    expect(await page.inputValue('#m-source')).toBe('yahoo');
    const raw = await rawBars('market_stock_prices_yahoo', 'yahoo', 'AAPL', '1d');
    const chart = await chartSeries('chart-candles');
    expect(chart.series[0]?.data).toEqual(raw.map((r) => [Number(r.open), Number(r.close), Number(r.low), Number(r.high)]));
    expect(new URL(page.url()).searchParams.get('symbol')).toBe('AAPL');

    await afterRefresh(() => page.selectOption('#m-interval', '1h'));
    expect((await chartSeries('chart-candles')).x).toHaveLength(7);
    expect(problems).toEqual([]);
  });
});
