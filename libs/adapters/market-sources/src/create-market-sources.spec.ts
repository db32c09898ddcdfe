import { afterEach, describe, expect, it } from 'vitest';
import { ReplayServer } from './testing/replay-server.ts';
import { fixture } from './testing/fixtures.ts';
import { ConfigError, loadConfig } from '@ledgerline/config';
import { createMarketSources } from './create-market-sources.ts';

const config = (env: Record<string, string>) => loadConfig({ env, dotenvPath: false });

let server: ReplayServer | undefined;
afterEach(async () => server?.stop());

describe('createMarketSources', () => {
  it('defaults to the seeded stand-ins, offline', () => {
    const bound = createMarketSources(config({}));
    expect(bound.map((b) => b.recordSource)).toEqual(['synthetic:binance', 'synthetic:coingecko', 'synthetic:yahoo', 'synthetic:news']);
  });

  it('builds the live sources from env, with the CoinGecko key sent in its header only', async () => {
    server = await new ReplayServer()
      .route('/api/v3/coins/markets', { status: 200, body: fixture('coingecko-markets-page1.json') })
      .route('/api/v3/ticker/24hr', { status: 200, body: fixture('binance-ticker-24hr.json') })
      .start();
    const env = config({
      MARKET_SOURCES: 'live',
      COINGECKO_API_KEY: 'cg-secret',
      BINANCE_BASE_URL: server.baseUrl,
      COINGECKO_BASE_URL: server.baseUrl,
      YAHOO_BASE_URL: server.baseUrl,
      MARKET_NEWS_FEEDS: `${server.baseUrl}/rss`,
    });
    const bound = createMarketSources(env);
    expect(bound.map((b) => b.recordSource)).toEqual(['api:binance', 'api:coingecko', 'api:yahoo', 'api:news']);
    const request = { symbols: ['BTC', 'ETH'], interval: '24h' as const, from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
    await bound[0]?.source.fetchBars(request);
    await bound[1]?.source.fetchBars(request);
    const [binanceCall, coingeckoCall] = server.requests;
    expect(binanceCall?.headers['x-cg-demo-api-key']).toBeUndefined();
    expect(coingeckoCall?.headers['x-cg-demo-api-key']).toBe('cg-secret');
  });

  it('refuses a malformed feed list with the variable named', () => {
    const failure = (() => {
      try {
        return config({ MARKET_NEWS_FEEDS: 'not a url' });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).problems.map((p) => p.variable)).toEqual(['MARKET_NEWS_FEEDS']);
  });
});
