import { describe, expect, it } from 'vitest';
import { PriceBarSchema, type PriceBar } from '../model/price-bar.ts';
import { NewsArticleSchema } from '../model/news-article.ts';
import type { MarketDataSource } from '../ports/market-data-source.port.ts';
import { SEED_ASSETS } from '../assets/seed-assets.ts';
import { createSyntheticSources } from './create-synthetic-sources.ts';

function byId(sources: MarketDataSource[], id: string): MarketDataSource {
  const found = sources.find((s) => s.id === id);
  if (!found) throw new Error(`no source ${id}`);
  return found;
}

const daily = { symbols: ['BTC', 'ETH', 'AAPL'], interval: '1d' as const, from: '2025-01-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' };

describe('seeded synthetic sources', () => {
  it('same seed, same data; another seed, other data', async () => {
    const a = await byId(createSyntheticSources('s1'), 'yahoo').fetchBars(daily);
    const b = await byId(createSyntheticSources('s1'), 'yahoo').fetchBars(daily);
    const c = await byId(createSyntheticSources('s2'), 'yahoo').fetchBars(daily);
    expect(a.items.length).toBeGreaterThan(100);
    expect(b.items).toEqual(a.items);
    expect(c.items.map((bar) => bar.close)).not.toEqual(a.items.map((bar) => bar.close));
  });

  it('gives a bar the same values whatever range it was asked in (overlapping backfills agree)', async () => {
    const source = byId(createSyntheticSources('s1'), 'binance');
    const whole = await source.fetchBars({ ...daily, symbols: ['SOL'] });
    const tail = await byId(createSyntheticSources('s1'), 'binance').fetchBars({ ...daily, symbols: ['SOL'], from: '2025-03-01T00:00:00.000Z' });
    expect(whole.items.slice(-tail.items.length)).toEqual(tail.items);
  });

  it('produces schema-valid bars with open/close inside high/low, as decimal strings', async () => {
    const { items } = await byId(createSyntheticSources('s1'), 'yahoo').fetchBars({ ...daily, symbols: SEED_ASSETS.map((a) => a.symbol) });
    for (const bar of items) {
      expect(PriceBarSchema.parse(bar)).toEqual(bar);
      for (const price of [bar.open, bar.close]) {
        expect(Number(price)).toBeLessThanOrEqual(Number(bar.high));
        expect(Number(price)).toBeGreaterThanOrEqual(Number(bar.low));
      }
    }
  });

  it('quotes stocks on weekdays only and crypto every day; Binance and CoinGecko have no stocks', async () => {
    const sources = createSyntheticSources('s1');
    const { items } = await byId(sources, 'yahoo').fetchBars(daily);
    const weekdays = new Set(items.filter((b) => b.symbol === 'AAPL').map((b) => new Date(b.openTime).getUTCDay()));
    expect([...weekdays].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(items.filter((b) => b.symbol === 'BTC')).toHaveLength(90);
    expect((await byId(sources, 'binance').fetchBars(daily)).items.some((b) => b.symbol === 'AAPL')).toBe(false);
    expect((await byId(sources, 'coingecko').fetchBars(daily)).items.some((b) => b.symbol === 'AAPL')).toBe(false);
  });

  it('makes sources disagree by a few basis points, not by much', async () => {
    const sources = createSyntheticSources('s1');
    const binance = (await byId(sources, 'binance').fetchBars({ ...daily, symbols: ['BTC'] })).items;
    const coingecko = (await byId(sources, 'coingecko').fetchBars({ ...daily, symbols: ['BTC'] })).items;
    const gaps = binance.map((bar, i) => Math.abs(Number(bar.close) / Number((coingecko[i] as PriceBar).close) - 1));
    expect(gaps.every((gap) => gap < 0.01)).toBe(true);
    expect(gaps.filter((gap) => gap > 0).length).toBeGreaterThan(80);
  });

  it('delays a source: its 1m bar at T carries the values the true series had one or two minutes earlier', async () => {
    const sources = createSyntheticSources('s1');
    const minute = { symbols: ['ETH'], interval: '1m' as const, from: '2025-02-03T10:00:00.000Z', to: '2025-02-03T11:00:00.000Z' };
    const binance = (await byId(sources, 'binance').fetchBars(minute)).items; // no delay
    const yahoo = (await byId(sources, 'yahoo').fetchBars(minute)).items; // two minutes behind
    expect(binance).toHaveLength(60);
    const yahooAt = Number((yahoo[10] as PriceBar).close);
    expect(Math.abs(yahooAt / Number((binance[8] as PriceBar).close) - 1)).toBeLessThan(0.003);
  });

  it('draws jumps: some daily moves far beyond the diffusion', async () => {
    const { items } = await byId(createSyntheticSources('s1'), 'binance').fetchBars({ ...daily, symbols: ['DOGE', 'SHIB', 'SOL', 'ADA'], from: '2020-01-01T00:00:00.000Z', to: '2024-01-01T00:00:00.000Z' });
    const moves = items.map((b) => Math.abs(Math.log(Number(b.close) / Number(b.open))));
    const sorted = [...moves].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    expect(moves.filter((m) => m > 8 * median).length).toBeGreaterThan(5);
  });

  it('writes deterministic news that mentions seed assets', async () => {
    const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-01-08T00:00:00.000Z' };
    const first = await byId(createSyntheticSources('s1'), 'news').fetchNews(range);
    const again = await byId(createSyntheticSources('s1'), 'news').fetchNews(range);
    expect(first.items.length).toBeGreaterThanOrEqual(14);
    expect(again.items).toEqual(first.items);
    const symbols = new Set(SEED_ASSETS.map((a) => a.symbol));
    for (const article of first.items) {
      expect(NewsArticleSchema.parse(article)).toEqual(article);
      expect(article.symbols.length).toBeGreaterThan(0);
      for (const symbol of article.symbols) expect(symbols.has(symbol)).toBe(true);
      expect(article.publishedAt >= range.from && article.publishedAt < range.to).toBe(true);
    }
  });

  it('refuses ranges before the anchor day instead of inventing them', async () => {
    await expect(byId(createSyntheticSources('s1'), 'binance').fetchBars({ ...daily, from: '2014-12-01T00:00:00.000Z' })).rejects.toThrow(/2015-01-01/);
  });
});
