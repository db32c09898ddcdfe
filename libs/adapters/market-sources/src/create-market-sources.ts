import { SEED_ASSETS, createSyntheticSources, type Asset, type BoundSource } from '@ledgerline/market-data';
import type { LedgerlineEnv } from '@ledgerline/config';
import { BinanceSource } from './binance/binance-source.ts';
import { CoinGeckoSource } from './coingecko/coingecko-source.ts';
import { RequestBudget } from './http/request-budget.ts';
import { SourceHttpClient } from './http/source-http-client.ts';
import { RssNewsSource } from './news/rss-news-source.ts';
import { YahooSource } from './yahoo/yahoo-source.ts';

/** The variables the market sources read (platform config; documented in .env.example). */
export type MarketSourcesEnv = Pick<
  LedgerlineEnv,
  | 'MARKET_SOURCES'
  | 'MARKET_SEED'
  | 'MARKET_REQUEST_BUDGET'
  | 'BINANCE_BASE_URL'
  | 'COINGECKO_BASE_URL'
  | 'COINGECKO_API_KEY'
  | 'COINGECKO_API_KEY_HEADER'
  | 'YAHOO_BASE_URL'
  | 'MARKET_NEWS_FEEDS'
>;

export interface MarketSourcesDeps {
  assets?: readonly Asset[];
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/**
 * The sources a run reads: the seeded stand-ins (default, offline) or the live APIs. Each live
 * source gets its own HTTP client and request budget, so one source's retries cannot starve another.
 */
export function createMarketSources(env: MarketSourcesEnv, deps: MarketSourcesDeps = {}): BoundSource[] {
  const assets = deps.assets ?? SEED_ASSETS;
  if (env.MARKET_SOURCES === 'synthetic') {
    return createSyntheticSources(env.MARKET_SEED, assets).map((source) => ({ source, recordSource: `synthetic:${source.id}` }));
  }
  const crypto = new Set(assets.filter((a) => a.assetClass === 'crypto').map((a) => a.symbol));
  const client = (source: string, headers: Record<string, string> = {}) =>
    new SourceHttpClient({ source, budget: new RequestBudget(source, env.MARKET_REQUEST_BUDGET), headers, ...(deps.sleep ? { sleep: deps.sleep } : {}) });
  const now = deps.now ? { now: deps.now } : {};
  const coingeckoHeaders: Record<string, string> = env.COINGECKO_API_KEY ? { [env.COINGECKO_API_KEY_HEADER]: env.COINGECKO_API_KEY } : {};
  const sources = [
    new BinanceSource({ baseUrl: env.BINANCE_BASE_URL, http: client('binance'), cryptoSymbols: crypto, ...now }),
    new CoinGeckoSource({ baseUrl: env.COINGECKO_BASE_URL, http: client('coingecko', coingeckoHeaders), cryptoSymbols: crypto, ...now }),
    new YahooSource({ baseUrl: env.YAHOO_BASE_URL, http: client('yahoo'), assets, ...now }),
    ...(env.MARKET_NEWS_FEEDS.length > 0 ? [new RssNewsSource({ feedUrls: env.MARKET_NEWS_FEEDS, http: client('news'), assets, ...now })] : []),
  ];
  return sources.map((source) => ({ source, recordSource: `api:${source.id}` }));
}
