import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbMarketRawStore, withDuckDb } from '@ledgerline/duckdb';
import { AverageGain, AverageLoss, BollingerBands, EMA, MACD, SMA } from 'technicalindicators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbt, type DbtWorkspace } from './run-dbt.ts';
import { seedMarketRaw } from './seed-market-raw.ts';

// The market Data Vault and indicators on DuckDB, built from RAW filled by the synthetic sources:
// reruns add no vault row, each real change adds one, hub keys are md5 of the normalised business
// keys (computed here with node:crypto), and every indicator equals the technicalindicators
// library (npm, 3.1.0) on the same closes to 1e-9 relative, warm-up included.

const MARKET_MODELS = ['build', '--select', 'path:models/market', 'market_assets'];
const VAULT = ['hub_asset', 'hub_news', 'link_news_asset', 'sat_asset_details', 'sat_news_content', 'sat_crypto_prices', 'sat_stock_prices'];

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return withDuckDb(path, async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]);
}
async function vaultCounts(path: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of VAULT) counts[table] = Number((await rows<{ n: bigint }>(path, `select count(*) as n from vault.${table}`))[0]?.n);
  return counts;
}
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

function expectClose(actual: number | null, expected: number | undefined, label: string): void {
  if (expected === undefined) {
    expect(actual, `${label}: warm-up must be null`).toBeNull();
    return;
  }
  expect(actual, `${label}: expected ${expected}`).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs((actual as number) - expected) / scale, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

/** The library's outputs start at the first index where they are defined: align them to the input. */
function aligned<T>(length: number, values: T[]): Array<T | undefined> {
  return [...Array<undefined>(length - values.length).fill(undefined), ...values];
}

describe('market vault and indicators on DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbt-market-'));
  const workspace: DbtWorkspace = { warehousePath: join(dir, 'warehouse.duckdb'), targetPath: join(dir, 'target'), logPath: join(dir, 'logs') };
  let first: Record<string, number>;

  beforeAll(async () => {
    await seedMarketRaw({ db: workspace.warehousePath, symbols: 'BTC,USDT,AAPL', from: '2024-01-01', to: '2025-01-01', intradayDays: 2 });
    const build = await runDbt(MARKET_MODELS, workspace);
    expect(build.failures).toEqual([]);
    first = await vaultCounts(workspace.warehousePath);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hub row counts equal the distinct business keys, and hash keys equal md5 computed here', async () => {
    const hub = await rows<{ asset_hk: string; symbol: string }>(workspace.warehousePath, 'select asset_hk, symbol from vault.hub_asset');
    const distinct = await rows<{ n: bigint }>(workspace.warehousePath, `select count(*) as n from (select upper(trim(symbol)) as s from reference.market_assets union select upper(trim(symbol)) from raw.market_crypto_prices_binance union select upper(trim(symbol)) from raw.market_stock_prices_yahoo) as keys`);
    expect(hub.length).toBe(Number(distinct[0]?.n));
    expect(hub.length).toBe(70);
    for (const row of hub) expect(row.asset_hk).toBe(md5(row.symbol.trim().toUpperCase()));
    const news = await rows<{ news_hk: string; source: string; article_id: string }>(workspace.warehousePath, 'select news_hk, source, article_id from vault.hub_news');
    const rawNews = await rows<{ source: string; article_id: string }>(workspace.warehousePath, 'select source, article_id from raw.market_news');
    expect(news.length).toBe(new Set(rawNews.map((r) => `${r.source}|${r.article_id}`)).size);
    for (const row of news) expect(row.news_hk).toBe(md5(`${row.source.toUpperCase()}||${row.article_id.toUpperCase()}`));
    const links = await rows<{ news_asset_hk: string; news_hk: string; asset_hk: string; source: string; article_id: string; symbol: string }>(
      workspace.warehousePath,
      `select l.news_asset_hk, l.news_hk, l.asset_hk, m.source, m.article_id, m.symbol from vault.link_news_asset l
         join raw.market_news_mentions m on l.news_hk = md5(upper(m.source) || '||' || upper(m.article_id)) and l.asset_hk = md5(upper(m.symbol))`,
    );
    expect(links.length).toBe(Number((await rows<{ n: bigint }>(workspace.warehousePath, 'select count(*) as n from raw.market_news_mentions'))[0]?.n));
    for (const l of links) expect(l.news_asset_hk).toBe(md5(`${l.source.toUpperCase()}||${l.article_id.toUpperCase()}||${l.symbol.toUpperCase()}`));
  });

  it('a rerun adds 0 vault rows and each real change one: a redelivery adds none, a whitespace-only change none, a changed close one', async () => {
    expect(first.sat_crypto_prices).toBeGreaterThan(1000);
    const store = new DuckDbMarketRawStore({ path: workspace.warehousePath });
    try {
      const [bar] = await rows<Record<string, string>>(
        workspace.warehousePath,
        `select source, symbol, bar_interval, strftime(open_time, '%Y-%m-%dT%H:%M:%S.000Z') as open_time, strftime(close_time, '%Y-%m-%dT%H:%M:%S.000Z') as close_time, quote_currency,
                cast(open as varchar) as open, cast(high as varchar) as high, cast(low as varchar) as low, cast(close as varchar) as close, cast(volume as varchar) as volume, cast(quote_volume as varchar) as quote_volume
           from raw.market_crypto_prices_binance where symbol = 'BTC' and bar_interval = '1d' order by open_time desc limit 1`,
      );
      const priceBar = { source: bar!.source!, symbol: bar!.symbol!, interval: '1d' as const, openTime: bar!.open_time!, closeTime: bar!.close_time!, quoteCurrency: bar!.quote_currency!, open: bar!.open!, high: bar!.high!, low: bar!.low!, close: bar!.close!, volume: bar!.volume ?? null, quoteVolume: bar!.quote_volume ?? null };
      const origin = { source: 'binance', recordSource: 'synthetic:binance', loadedAt: '2025-01-02T00:00:00.000Z' };
      expect(await store.upsertBars([priceBar], origin)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect(await store.upsertBars([{ ...priceBar, close: priceBar.low }], origin)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      const [article] = await rows<Record<string, string | null>>(workspace.warehousePath, `select source, article_id, strftime(published_at, '%Y-%m-%dT%H:%M:%S.000Z') as published_at, title, summary, url from raw.market_news limit 1`);
      const mentions = await rows<{ symbol: string }>(workspace.warehousePath, `select symbol from raw.market_news_mentions where article_id = '${article!.article_id}'`);
      const padded = { source: article!.source!, articleId: article!.article_id!, publishedAt: article!.published_at!, title: `  ${article!.title}  `, summary: article!.summary!, url: article!.url ?? null, symbols: mentions.map((m) => m.symbol) };
      expect((await store.upsertNews([padded], { ...origin, source: 'news', recordSource: 'synthetic:news' })).updated).toBe(1);
    } finally {
      await store.close();
    }
    // One rebuild over RAW where everything but these three rows is as before: every other vault
    // table and row must stay as it was (the rerun case), the changed bar adds exactly one row.
    await runDbt(MARKET_MODELS, workspace);
    expect(await vaultCounts(workspace.warehousePath)).toEqual({ ...first, sat_crypto_prices: (first.sat_crypto_prices ?? 0) + 1 });
    const latest = await rows<{ close_price: string; low_price: string }>(
      workspace.warehousePath,
      `select cast(close_price as varchar) as close_price, cast(low_price as varchar) as low_price from marts.fct_asset_prices where source = 'binance' and symbol = 'BTC' and bar_interval = '1d' order by open_time desc limit 1`,
    );
    expect(latest[0]?.close_price).toBe(latest[0]?.low_price);
  });

  it('every indicator equals technicalindicators on the same closes, warm-up included (1e-9 relative)', async () => {
    const series = await rows<{ source: string; symbol: string; bar_interval: string }>(workspace.warehousePath, 'select distinct source, symbol, bar_interval from marts.mart_asset_indicators order by 1, 2, 3');
    expect(series.length).toBe(14); // 1d and 1h: binance and coingecko (BTC, USDT), yahoo (BTC, USDT, AAPL)
    let compared = 0;
    for (const { source, symbol, bar_interval: interval } of series) {
      const bars = await rows<Record<string, number | null>>(
        workspace.warehousePath,
        `select close_price, sma_20, sma_50, sma_200, ema_12, ema_26, macd, macd_signal, macd_histogram, rsi_14, bollinger_middle, bollinger_upper, bollinger_lower
           from marts.mart_asset_indicators where source = '${source}' and symbol = '${symbol}' and bar_interval = '${interval}' order by open_time`,
      );
      const closes = bars.map((b) => b.close_price as number);
      const n = closes.length;
      const sma = (period: number) => aligned(n, SMA.calculate({ period, values: closes }));
      const ema = (period: number) => aligned(n, EMA.calculate({ period, values: closes }));
      const macd = aligned(n, MACD.calculate({ values: closes, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }));
      const bands = aligned(n, BollingerBands.calculate({ period: 20, stdDev: 2, values: closes }));
      // The library's RSI rounds to 2 decimals; its Wilder averages do not, so RSI is formed from them.
      const gains = aligned(n, AverageGain.calculate({ period: 14, values: closes }));
      const losses = aligned(n, AverageLoss.calculate({ period: 14, values: closes }));
      const expected = {
        sma_20: sma(20),
        sma_50: sma(50),
        sma_200: sma(200),
        ema_12: ema(12),
        ema_26: ema(26),
        macd: macd.map((m) => m?.MACD),
        macd_signal: macd.map((m) => m?.signal),
        macd_histogram: macd.map((m) => m?.histogram),
        rsi_14: gains.map((g, i) => {
          const l = losses[i];
          if (g === undefined || l === undefined) return undefined;
          return l === 0 ? 100 : g === 0 ? 0 : 100 - 100 / (1 + g / l);
        }),
        bollinger_middle: bands.map((b) => b?.middle),
        bollinger_upper: bands.map((b) => b?.upper),
        bollinger_lower: bands.map((b) => b?.lower),
      };
      for (const [column, values] of Object.entries(expected)) {
        values.forEach((value, i) => expectClose((bars[i]?.[column] ?? null) as number | null, value, `${source} ${symbol} ${interval} ${column} bar ${i + 1}`));
        compared += values.filter((v) => v !== undefined).length;
      }
      if (interval === '1d') expect(bars.filter((b) => b.sma_200 !== null).length).toBe(n - 199);
    }
    expect(compared).toBeGreaterThan(20_000);
  });
});
