import { describe, expect, it } from 'vitest';
import type { NewsArticle } from '../model/news-article.ts';
import type { PriceBar } from '../model/price-bar.ts';
import type { MarketRawStore } from '../ports/market-raw-store.port.ts';

export function sampleBar(overrides: Partial<PriceBar> = {}): PriceBar {
  return {
    source: 'binance',
    symbol: 'BTC',
    interval: '1d',
    openTime: '2026-01-02T00:00:00.000Z',
    closeTime: '2026-01-03T00:00:00.000Z',
    quoteCurrency: 'USDT',
    open: '64000.10000000',
    high: '65000.00000000',
    low: '63000.00000000',
    close: '64500.12345678',
    volume: '1234.5678',
    quoteVolume: '79600000.00',
    ...overrides,
  };
}

export function sampleArticle(overrides: Partial<NewsArticle> = {}): NewsArticle {
  return {
    source: 'news',
    articleId: 'a-1',
    publishedAt: '2026-01-02T10:00:00.000Z',
    title: 'Bitcoin climbs',
    summary: 'Bitcoin (BTC) climbs.',
    url: 'https://news.example.invalid/a-1',
    symbols: ['BTC'],
    ...overrides,
  };
}

const origin = { source: 'binance', recordSource: 'synthetic:binance', loadedAt: '2026-01-03T00:00:00.000Z' };

/** The behaviour every MarketRawStore must show; each adapter runs it against its real backend. */
export function describeMarketRawStoreContract(name: string, open: () => Promise<{ store: MarketRawStore; close: () => Promise<void> }>): void {
  describe(`MarketRawStore contract: ${name}`, () => {
    it('inserts new bars, counts a redelivery as unchanged and a corrected bar as updated', async () => {
      const { store, close } = await open();
      try {
        const second = sampleBar({ openTime: '2026-01-03T00:00:00.000Z', closeTime: '2026-01-04T00:00:00.000Z' });
        expect(await store.upsertBars([sampleBar(), second], origin)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
        expect(await store.upsertBars([sampleBar(), second], origin)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
        expect(await store.upsertBars([sampleBar({ close: '64500.12345679' })], origin)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      } finally {
        await close();
      }
    });

    it('keys bars by source, symbol, interval and open time (the same instant at another source is another row)', async () => {
      const { store, close } = await open();
      try {
        const rows = [sampleBar(), sampleBar({ interval: '1h', closeTime: '2026-01-02T01:00:00.000Z' }), sampleBar({ symbol: 'ETH' })];
        expect((await store.upsertBars(rows, origin)).inserted).toBe(3);
        const yahoo = sampleBar({ source: 'yahoo', quoteCurrency: 'USD' });
        expect((await store.upsertBars([yahoo], { ...origin, source: 'yahoo', recordSource: 'synthetic:yahoo' })).inserted).toBe(1);
      } finally {
        await close();
      }
    });

    it('upserts news by source and article id', async () => {
      const { store, close } = await open();
      try {
        const newsOrigin = { ...origin, source: 'news', recordSource: 'synthetic:news' };
        expect(await store.upsertNews([sampleArticle(), sampleArticle({ articleId: 'a-2' })], newsOrigin)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
        expect(await store.upsertNews([sampleArticle({ title: 'Bitcoin climbs further' })], newsOrigin)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      } finally {
        await close();
      }
    });

    it('keeps quarantined responses and reports per-source status with the last success', async () => {
      const { store, close } = await open();
      try {
        const report = { source: 'coingecko', endpoint: '/api/v3/coins/markets', field: '[0].current_price', reason: 'expected number', receivedAt: '2026-01-03T00:00:00.000Z', rawBody: '[{"current_price":"x"}]' };
        await store.recordQuarantine([report]);
        const run = { source: 'coingecko', recordSource: 'api:coingecko', bars: 0, news: 0, quarantined: 1, error: null };
        await store.recordSourceRun({ ...run, startedAt: '2026-01-03T00:00:00.000Z', finishedAt: '2026-01-03T00:00:01.000Z', outcome: 'partial' });
        await store.recordSourceRun({ ...run, startedAt: '2026-01-03T01:00:00.000Z', finishedAt: '2026-01-03T01:00:01.000Z', outcome: 'failed', error: 'coingecko: HTTP 503' });
        expect(await store.quarantined('coingecko')).toEqual([report]);
        expect(await store.quarantined('binance')).toEqual([]);
        expect(await store.sourceStatus()).toEqual([
          { source: 'coingecko', lastRunAt: '2026-01-03T01:00:01.000Z', lastOutcome: 'failed', lastSuccessAt: '2026-01-03T00:00:01.000Z', lastError: 'coingecko: HTTP 503', quarantined: 1 },
        ]);
      } finally {
        await close();
      }
    });
  });
}
