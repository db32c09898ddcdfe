import { describe, expect, it } from 'vitest';
import { InMemoryMarketRawStore } from '../testing/in-memory-market-raw-store.ts';
import { describeMarketRawStoreContract } from '../testing/market-raw-store-contract.ts';
import { createSyntheticSources } from '../synthetic/create-synthetic-sources.ts';
import { MarketSourceError, type MarketDataSource } from '../ports/market-data-source.port.ts';
import type { NewsIndexer } from '../ports/news-indexer.port.ts';
import { backfillMarketData, type BackfillRequest } from './backfill-market-data.ts';
import { timeWindows } from './time-windows.ts';

const request: BackfillRequest = { from: '2025-01-01T00:00:00.000Z', to: '2025-01-11T00:00:00.000Z', intervals: ['1d'], symbols: ['BTC', 'AAPL'], news: true };
const now = () => new Date('2026-01-01T00:00:00.000Z');
const bind = (sources: MarketDataSource[]) => sources.map((source) => ({ source, recordSource: `synthetic:${source.id}` }));

describeMarketRawStoreContract('in memory', async () => ({ store: new InMemoryMarketRawStore(), close: async () => {} }));

describe('backfillMarketData', () => {
  it('loads every source and a rerun of the same range changes nothing', async () => {
    const store = new InMemoryMarketRawStore();
    const sources = bind(createSyntheticSources('seed'));
    const first = await backfillMarketData({ sources, store, now }, request);
    expect(first.map((o) => [o.source, o.outcome, o.bars.inserted])).toEqual([
      ['binance', 'ok', 10],
      ['coingecko', 'ok', 10],
      ['yahoo', 'ok', 18], // BTC 10 days + AAPL 8 weekdays
      ['news', 'ok', 0],
    ]);
    expect(first[3]?.news.inserted).toBeGreaterThan(0);
    const rerun = await backfillMarketData({ sources: bind(createSyntheticSources('seed')), store, now }, request);
    for (const outcome of rerun) {
      expect(outcome.bars.inserted + outcome.bars.updated).toBe(0);
      expect(outcome.news.inserted + outcome.news.updated).toBe(0);
    }
  });

  it('goes on with the other sources when one fails, and records the failure', async () => {
    const [binance, ...rest] = createSyntheticSources('seed');
    const broken: MarketDataSource = {
      ...(binance as MarketDataSource),
      id: 'binance',
      capabilities: (binance as MarketDataSource).capabilities,
      fetchBars: async () => {
        throw new MarketSourceError('binance', 'unavailable', 'HTTP 503 after 3 attempts');
      },
      fetchNews: async () => ({ items: [], quarantined: [] }),
    };
    const store = new InMemoryMarketRawStore();
    const outcomes = await backfillMarketData({ sources: bind([broken, ...rest]), store, now }, request);
    expect(outcomes[0]).toMatchObject({ source: 'binance', outcome: 'failed', error: 'binance: HTTP 503 after 3 attempts' });
    expect(outcomes.slice(1).every((o) => o.outcome === 'ok')).toBe(true);
    expect((await store.sourceStatus()).find((s) => s.source === 'binance')).toMatchObject({ lastOutcome: 'failed', lastSuccessAt: null });
  });

  it('quarantines a bar the adapter got wrong instead of writing it', async () => {
    const [binance] = createSyntheticSources('seed');
    const real = binance as MarketDataSource;
    const sloppy: MarketDataSource = {
      id: 'binance',
      capabilities: real.capabilities,
      fetchNews: real.fetchNews.bind(real),
      fetchBars: async (req) => {
        const batch = await real.fetchBars(req);
        return { ...batch, items: batch.items.map((bar, i) => (i === 0 ? { ...bar, close: '6.4e4' } : bar)) };
      },
    };
    const store = new InMemoryMarketRawStore();
    const [outcome] = await backfillMarketData({ sources: bind([sloppy]), store, now }, request);
    expect(outcome).toMatchObject({ outcome: 'partial', quarantined: 1 });
    expect(outcome?.bars.inserted).toBe(9);
    expect(store.reports[0]).toMatchObject({ source: 'binance', field: '[0].close' });
  });

  it('gives the news that landed to the news indexer; when it fails the news stay in RAW, the source is failed, and a rerun indexes them', async () => {
    const store = new InMemoryMarketRawStore();
    const indexed = new Map<string, string>();
    let failNext = true;
    const newsIndexer: NewsIndexer = {
      async indexNews(articles) {
        if (failNext) {
          failNext = false;
          throw new Error('vector index unreachable');
        }
        let embedded = 0;
        for (const a of articles) {
          const key = `${a.source}:${a.articleId}`;
          if (indexed.get(key) !== a.title) embedded += 1;
          indexed.set(key, a.title);
        }
        return { embedded, unchanged: articles.length - embedded };
      },
    };
    const first = await backfillMarketData({ sources: bind(createSyntheticSources('seed')), store, now, newsIndexer }, request);
    const news = first.find((o) => o.source === 'news');
    expect(news).toMatchObject({ outcome: 'failed', newsIndexed: 0 });
    expect(news?.error).toMatch(/landed in RAW but were not indexed.*vector index unreachable/);
    const landed = news?.news.inserted ?? 0;
    expect(landed).toBeGreaterThan(0);
    expect(first.filter((o) => o.source !== 'news').every((o) => o.outcome === 'ok' && o.newsIndexed === 0)).toBe(true);

    const retry = await backfillMarketData({ sources: bind(createSyntheticSources('seed')), store, now, newsIndexer }, request);
    expect(retry.find((o) => o.source === 'news')).toMatchObject({ outcome: 'ok', newsIndexed: landed, news: { inserted: 0, updated: 0, unchanged: landed } });
    expect(indexed.size).toBe(landed);
    const again = await backfillMarketData({ sources: bind(createSyntheticSources('seed')), store, now, newsIndexer }, request);
    expect(again.find((o) => o.source === 'news')).toMatchObject({ outcome: 'ok', newsIndexed: 0 });
  });

  it('cuts long ranges into aligned windows', () => {
    const windows = timeWindows('2025-01-01T00:00:00.000Z', '2025-01-03T12:00:00.000Z', '1m');
    expect(windows).toEqual([
      { from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' },
      { from: '2025-01-02T00:00:00.000Z', to: '2025-01-03T00:00:00.000Z' },
      { from: '2025-01-03T00:00:00.000Z', to: '2025-01-03T12:00:00.000Z' },
    ]);
    expect(() => timeWindows('2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '1d')).toThrow(/empty range/);
  });
});
