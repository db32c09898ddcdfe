import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbMarketRawStore, withDuckDb } from '@ledgerline/duckdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDbt, type DbtWorkspace } from './run-dbt.ts';
import { seedMarketRaw } from './seed-market-raw.ts';
import { expectedNewsEvents, expectedNewsImpact, type ReferenceBar, type Mention } from './news-impact-reference.ts';

// fct_news_events and fct_asset_news_impact on DuckDB, against the definitions of their yml
// computed here in TypeScript from RAW (never from the models' SQL or the vault), on the
// synthetic sources plus hand-made edge cases: news before and after the price coverage, in a
// short and in a long gap, on a stock's weekend, two articles at the same instant, and a window
// that has not elapsed by the end of the data.

const MODELS = ['build', '--select', '+fct_news_events', '+fct_asset_news_impact', 'assert_news_impact_one_row_per_event_window'];

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return withDuckDb(path, async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]);
}

function expectRelative(actual: number | null, expected: number | null, label: string): void {
  if (expected === null) {
    expect(actual, `${label}: must be null`).toBeNull();
    return;
  }
  expect(actual, `${label}: expected ${expected}`).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs((actual as number) - expected) / scale, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

const EDGE = [
  { id: 'edge-before-coverage', at: '2024-04-20T08:00:00.000Z', symbols: ['BTC'] },
  { id: 'edge-after-coverage', at: '2024-09-20T08:00:00.000Z', symbols: ['BTC'] },
  { id: 'edge-short-gap', at: '2024-07-11T12:00:00.000Z', symbols: ['BTC'] },
  { id: 'edge-long-gap', at: '2024-07-16T12:00:00.000Z', symbols: ['ETH'] },
  { id: 'edge-twin-a', at: '2024-08-01T09:30:00.000Z', symbols: ['BTC', 'ETH'] },
  { id: 'edge-twin-b', at: '2024-08-01T09:30:00.000Z', symbols: ['BTC', 'ETH'] },
  { id: 'edge-weekend', at: '2024-06-16T10:00:00.000Z', symbols: ['AAPL'] },
  { id: 'edge-near-end', at: '2024-08-30T06:00:00.000Z', symbols: ['BTC'] },
] as const;

describe('news marts on DuckDB (fct_news_events, fct_asset_news_impact)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbt-market-news-'));
  const workspace: DbtWorkspace = { warehousePath: join(dir, 'warehouse.duckdb'), targetPath: join(dir, 'target'), logPath: join(dir, 'logs') };
  let bars: ReferenceBar[];
  let mentions: Mention[];

  beforeAll(async () => {
    await seedMarketRaw({ db: workspace.warehousePath, symbols: 'BTC,ETH,AAPL', from: '2024-05-01', to: '2024-09-01', intradayDays: 0 });
    const store = new DuckDbMarketRawStore({ path: workspace.warehousePath });
    try {
      const origin = { source: 'news', recordSource: 'test:edge', loadedAt: '2024-09-01T00:00:00.000Z' };
      await store.upsertNews(
        EDGE.map((e) => ({ source: 'news', articleId: e.id, publishedAt: e.at, title: e.id, summary: 'edge case', url: null, symbols: [...e.symbols] })),
        origin,
      );
    } finally {
      await store.close();
    }
    // A short gap (BTC: the bars of 2024-07-09 and 07-10 missing, 2 days) and a long one (ETH:
    // 2024-07-10 to 07-17, 8 days: longer than the 4-day price age).
    await withDuckDb(workspace.warehousePath, async (db) => {
      await db.run(`DELETE FROM raw.market_crypto_prices_yahoo WHERE bar_interval = '1d' AND symbol = 'BTC' AND open_time IN (TIMESTAMP '2024-07-09', TIMESTAMP '2024-07-10')`);
      await db.run(`DELETE FROM raw.market_crypto_prices_yahoo WHERE bar_interval = '1d' AND symbol = 'ETH' AND open_time >= TIMESTAMP '2024-07-10' AND open_time < TIMESTAMP '2024-07-18'`);
    });
    const build = await runDbt(MODELS, workspace);
    expect(build.failures).toEqual([]);
    bars = (
      await rows<{ symbol: string; close_ms: bigint; close: string }>(
        workspace.warehousePath,
        `select upper(trim(symbol)) as symbol, epoch_ms(close_time) as close_ms, cast(close as varchar) as close from raw.market_crypto_prices_yahoo where bar_interval = '1d'
          union all
         select upper(trim(symbol)), epoch_ms(close_time), cast(close as varchar) from raw.market_stock_prices_yahoo where bar_interval = '1d'`,
      )
    ).map((b) => ({ symbol: b.symbol, closeMs: Number(b.close_ms), close: b.close }));
    mentions = (
      await rows<{ source: string; article_id: string; symbol: string; published_ms: bigint }>(
        workspace.warehousePath,
        `select n.source, n.article_id, upper(trim(m.symbol)) as symbol, epoch_ms(n.published_at) as published_ms
           from raw.market_news n join raw.market_news_mentions m on m.source = n.source and m.article_id = n.article_id`,
      )
    ).map((m) => ({ source: m.source, articleId: m.article_id, symbol: m.symbol, publishedMs: Number(m.published_ms) }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The vault's business keys are trimmed and upper-cased (dv_hub), and so are the marts'.
  const key = (r: { source: string; articleId: string; symbol: string }) => `${r.source}|${r.articleId}|${r.symbol}`.toUpperCase();

  it('fct_news_events: one row per mention, priced at the last close at or before publication, exactly', async () => {
    const mart = await rows<{ news_source: string; article_id: string; symbol: string; published_ms: bigint; price_ms: bigint | null; price: string | null }>(
      workspace.warehousePath,
      `select news_source, article_id, symbol, epoch_ms(published_at) as published_ms, epoch_ms(price_time) as price_ms, cast(price_at_publication as varchar) as price from marts.fct_news_events`,
    );
    const expected = expectedNewsEvents(bars, mentions);
    expect(mart.length).toBe(mentions.length);
    expect(mentions.length).toBeGreaterThan(300);
    const byKey = new Map(mart.map((r) => [key({ source: r.news_source, articleId: r.article_id, symbol: r.symbol }), r]));
    for (const e of expected) {
      const row = byKey.get(key(e));
      expect(row, key(e)).toBeDefined();
      expect(Number(row!.published_ms), key(e)).toBe(e.publishedMs);
      expect(row!.price_ms === null ? null : Number(row!.price_ms), `${key(e)} price_time`).toBe(e.priceMs);
      expect(row!.price, `${key(e)} price`).toBe(e.price);
    }
    // The synthetic news mention assets without prices here too: those rows are unpriced.
    expect(expected.filter((e) => e.price !== null).length).toBeGreaterThan(100);
    expect(expected.filter((e) => e.price === null).length).toBeGreaterThan(10);
  });

  it('fct_news_events edge cases: outside coverage and in a long gap unpriced; short gap, weekend and twins priced as stated', async () => {
    const edge = new Map(
      (
        await rows<{ article_id: string; symbol: string; price_ms: bigint | null; price: string | null }>(
          workspace.warehousePath,
          `select article_id, symbol, epoch_ms(price_time) as price_ms, cast(price_at_publication as varchar) as price from marts.fct_news_events where article_id like 'EDGE-%'`,
        )
      ).map((r) => [`${r.article_id.toLowerCase()}|${r.symbol}`, { ms: r.price_ms === null ? null : Number(r.price_ms), price: r.price }]),
    );
    const close = (symbol: string, closeIso: string) => bars.find((b) => b.symbol === symbol && b.closeMs === Date.parse(closeIso))?.close;
    expect(edge.get('edge-before-coverage|BTC')).toEqual({ ms: null, price: null });
    expect(edge.get('edge-after-coverage|BTC')).toEqual({ ms: null, price: null });
    expect(edge.get('edge-long-gap|ETH')).toEqual({ ms: null, price: null });
    // Short gap: the bars closing 07-10 and 07-11 are gone, the bar of 07-08 (closing 07-09) is the price.
    expect(edge.get('edge-short-gap|BTC')).toEqual({ ms: Date.parse('2024-07-09T00:00:00.000Z'), price: close('BTC', '2024-07-09T00:00:00.000Z') });
    // Sunday: the stock's last bar is Friday's (closing Saturday 00:00).
    expect(edge.get('edge-weekend|AAPL')).toEqual({ ms: Date.parse('2024-06-15T00:00:00.000Z'), price: close('AAPL', '2024-06-15T00:00:00.000Z') });
    for (const symbol of ['BTC', 'ETH']) {
      expect(edge.get(`edge-twin-a|${symbol}`)).toEqual({ ms: Date.parse('2024-08-01T00:00:00.000Z'), price: close(symbol, '2024-08-01T00:00:00.000Z') });
      expect(edge.get(`edge-twin-b|${symbol}`)).toEqual(edge.get(`edge-twin-a|${symbol}`));
    }
    expect(edge.get('edge-twin-a|BTC')?.price).not.toBeUndefined();
  });

  it('fct_asset_news_impact: every return and baseline equals the definition computed here (1e-9 relative)', async () => {
    const mart = await rows<{
      news_source: string; article_id: string; symbol: string; window_days: number; end_ms: bigint | null;
      asset_return: number | null; baseline_return: number | null; baseline_windows: bigint; excess_return: number | null;
    }>(
      workspace.warehousePath,
      `select news_source, article_id, symbol, window_days, epoch_ms(end_time) as end_ms, asset_return, baseline_return, baseline_windows, excess_return from marts.fct_asset_news_impact`,
    );
    const expected = expectedNewsImpact(bars, mentions, { windowsDays: [1, 3, 7], baselineDays: 30 });
    expect(mart.length).toBe(mentions.length * 3);
    const byKey = new Map(mart.map((r) => [`${key({ source: r.news_source, articleId: r.article_id, symbol: r.symbol })}|${r.window_days}`, r]));
    for (const e of expected) {
      const label = `${key(e)} ${e.windowDays}d`;
      const row = byKey.get(`${key(e)}|${e.windowDays}`);
      expect(row, label).toBeDefined();
      expect(row!.end_ms === null ? null : Number(row!.end_ms), `${label} end_time`).toBe(e.endMs);
      expectRelative(row!.asset_return, e.assetReturn, `${label} asset_return`);
      expectRelative(row!.baseline_return, e.baselineReturn, `${label} baseline_return`);
      expect(Number(row!.baseline_windows), `${label} baseline_windows`).toBe(e.baselineWindows);
      expectRelative(row!.excess_return, e.assetReturn === null || e.baselineReturn === null ? null : e.assetReturn - e.baselineReturn, `${label} excess_return`);
    }
    const returns = expected.filter((e) => e.assetReturn !== null);
    expect(returns.length).toBeGreaterThan(300);
    // The edge cases: an unpriced start has no return; the window past the data's end none either.
    const at = (article: string, symbol: string, days: number) => expected.find((e) => e.articleId === article && e.symbol === symbol && e.windowDays === days);
    expect(at('edge-before-coverage', 'BTC', 1)?.assetReturn).toBeNull();
    expect(at('edge-near-end', 'BTC', 1)?.assetReturn).not.toBeNull();
    expect(at('edge-near-end', 'BTC', 3)?.assetReturn).toBeNull();
    expect(at('edge-near-end', 'BTC', 7)?.assetReturn).toBeNull();
    // Baseline of the twins (published 08-01 09:30, 30 days back to 07-02 09:30): 1-day windows
    // start at the bars closing 07-03 .. 07-31 (29), 7-day ones at 07-03 .. 07-25 (23); BTC's
    // short gap removed the bars closing 07-10 and 07-11.
    expect(at('edge-twin-a', 'BTC', 1)?.baselineWindows).toBe(27);
    expect(at('edge-twin-a', 'BTC', 7)?.baselineWindows).toBe(21);
    expect(at('edge-twin-a', 'ETH', 1)?.baselineWindows).toBe(29 - 8);
  });
});
