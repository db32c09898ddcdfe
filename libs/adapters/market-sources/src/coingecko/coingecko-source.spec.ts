import { afterEach, describe, expect, it } from 'vitest';
import { RequestBudget } from '../http/request-budget.ts';
import { SourceHttpClient } from '../http/source-http-client.ts';
import { fixture } from '../testing/fixtures.ts';
import { ReplayServer } from '../testing/replay-server.ts';
import { CoinGeckoSource } from './coingecko-source.ts';

let server: ReplayServer;
afterEach(async () => server.stop());

const request = { symbols: ['BTC', 'ETH', 'SHIB'], interval: '24h' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
function source(headers: Record<string, string> = { 'x-cg-demo-api-key': 'test-key' }) {
  const slept: number[] = [];
  const http = new SourceHttpClient({ source: 'coingecko', budget: new RequestBudget('coingecko', 10), headers, sleep: async (ms) => void slept.push(ms) });
  return { slept, source: new CoinGeckoSource({ baseUrl: server.baseUrl, http, cryptoSymbols: new Set(['BTC', 'ETH', 'SHIB']), perPage: 2, maxPages: 5 }) };
}

describe('CoinGeckoSource (coins/markets, replayed)', () => {
  it('pages until a short page, sends the API key header, and derives the open exactly', async () => {
    server = await new ReplayServer()
      .route('/api/v3/coins/markets', { status: 200, body: fixture('coingecko-markets-page1.json') }, { status: 200, body: fixture('coingecko-markets-page2.json') })
      .start();
    const { items, quarantined } = await source().source.fetchBars(request);
    expect(quarantined).toEqual([]);
    expect(server.requests.map((r) => new URL(r.path, 'http://x').searchParams.get('page'))).toEqual(['1', '2']);
    expect(server.requests[0]?.headers['x-cg-demo-api-key']).toBe('test-key');
    expect(items.find((b) => b.symbol === 'BTC')).toEqual({
      source: 'coingecko',
      symbol: 'BTC',
      interval: '24h',
      openTime: '2026-01-01T00:00:05.123Z',
      closeTime: '2026-01-02T00:00:05.123Z',
      quoteCurrency: 'USD',
      open: '62654.22', // 64180.12 - 1525.9, not 62654.219999999994
      high: '64510',
      low: '62090.55',
      close: '64180.12',
      volume: null,
      quoteVolume: '31234567890.5',
    });
    expect(items.find((b) => b.symbol === 'SHIB')).toMatchObject({ close: '0.00001234', open: '0.00001244', high: '0.0000125' });
  });

  it('stops paging once every wanted symbol was seen', async () => {
    server = await new ReplayServer().route('/api/v3/coins/markets', { status: 200, body: fixture('coingecko-markets-page1.json') }).start();
    const { items } = await source().source.fetchBars({ ...request, symbols: ['BTC', 'ETH'] });
    expect(items).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  it('quarantines a coin with a changed field (high_24h null) and keeps the others', async () => {
    server = await new ReplayServer().route('/api/v3/coins/markets', { status: 200, body: fixture('coingecko-markets-drift.json') }, { status: 200, body: '[]' }).start();
    const { items, quarantined } = await source().source.fetchBars(request);
    expect(items.map((b) => b.symbol)).toEqual(['ETH']);
    expect(quarantined).toEqual([expect.objectContaining({ source: 'coingecko', field: '[0].high_24h', endpoint: '/api/v3/coins/markets?page=1' })]);
  });

  it('handles an empty market list', async () => {
    server = await new ReplayServer().route('/api/v3/coins/markets', { status: 200, body: '[]' }).start();
    expect(await source().source.fetchBars(request)).toEqual({ items: [], quarantined: [] });
  });

  it('honours a 429 Retry-After between pages', async () => {
    server = await new ReplayServer()
      .route('/api/v3/coins/markets', { status: 429, headers: { 'retry-after': '2' }, body: '{"status":{"error_code":429,"error_message":"rate limited"}}' }, { status: 200, body: fixture('coingecko-markets-page1.json') }, { status: 200, body: fixture('coingecko-markets-page2.json') })
      .start();
    const { source: coingecko, slept } = source();
    expect((await coingecko.fetchBars(request)).items).toHaveLength(3);
    expect(slept).toEqual([2000]);
  });
});
