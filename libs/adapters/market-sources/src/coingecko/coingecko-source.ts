import {
  epochMsToUtc,
  subtractDecimal,
  type BarRequest,
  type MarketDataSource,
  type NewsArticle,
  type PriceBar,
  type QuarantineReport,
  type SourceBatch,
  type SourceCapabilities,
} from '@ledgerline/market-data';
import { z } from 'zod';
import { decodeBody, decodeEach } from '../http/quarantine.ts';
import type { SourceHttpClient } from '../http/source-http-client.ts';
import { CoinGeckoMarketSchema, type CoinGeckoMarket } from './coingecko-schema.ts';

const DAY_MS = 86_400_000;

export interface CoinGeckoSourceOptions {
  baseUrl: string;
  http: SourceHttpClient;
  cryptoSymbols: ReadonlySet<string>;
  perPage?: number;
  maxPages?: number;
  now?: () => Date;
}

/**
 * CoinGecko's markets list (GET /api/v3/coins/markets?vs_currency=usd&order=market_cap_desc), paged
 * until every requested symbol was seen, a page comes back short, or maxPages. Each coin is a `24h`
 * bar ending at last_updated; the open is current_price - price_change_24h (exact decimal
 * arithmetic). Several coins share a ticker: the first, largest by market cap, wins.
 */
export class CoinGeckoSource implements MarketDataSource {
  readonly id = 'coingecko';
  readonly capabilities: SourceCapabilities;

  constructor(private readonly options: CoinGeckoSourceOptions) {
    this.capabilities = { intervals: ['24h'], news: false, quotes: (symbol) => options.cryptoSymbols.has(symbol) };
  }

  async fetchBars(request: BarRequest): Promise<SourceBatch<PriceBar>> {
    const wanted = new Set(request.symbols.filter((s) => this.capabilities.quotes(s)));
    if (request.interval !== '24h' || wanted.size === 0) return { items: [], quarantined: [] };
    const perPage = this.options.perPage ?? 100;
    const maxPages = this.options.maxPages ?? 3;
    const found = new Map<string, CoinGeckoMarket>();
    const quarantined: QuarantineReport[] = [];
    const endpoint = '/api/v3/coins/markets';
    for (let page = 1; page <= maxPages && found.size < wanted.size; page++) {
      const url = `${this.options.baseUrl}${endpoint}?vs_currency=usd&order=market_cap_desc&per_page=${perPage}&page=${page}`;
      const response = await this.options.http.get(url);
      const context = { source: this.id, endpoint: `${endpoint}?page=${page}`, receivedAt: (this.options.now?.() ?? new Date()).toISOString() };
      const envelope = decodeBody(z.array(z.unknown()), response.body, context);
      if ('report' in envelope) {
        quarantined.push(envelope.report);
        break;
      }
      const { values, reports } = decodeEach(CoinGeckoMarketSchema, envelope.value, response.body, context);
      quarantined.push(...reports);
      for (const coin of values) {
        const symbol = coin.symbol.toUpperCase();
        if (wanted.has(symbol) && !found.has(symbol)) found.set(symbol, coin);
      }
      if (envelope.value.length < perPage) break;
    }
    return { items: [...found.entries()].map(([symbol, coin]) => this.toBar(symbol, coin)), quarantined };
  }

  private toBar(symbol: string, coin: CoinGeckoMarket): PriceBar {
    const closeMs = Date.parse(coin.last_updated);
    // A negative result (bad upstream data) stays negative: the port's schema quarantines it.
    const open = subtractDecimal(coin.current_price, coin.price_change_24h);
    return {
      source: this.id,
      symbol,
      interval: '24h',
      openTime: epochMsToUtc(closeMs - DAY_MS),
      closeTime: epochMsToUtc(closeMs),
      quoteCurrency: 'USD',
      open,
      high: coin.high_24h,
      low: coin.low_24h,
      close: coin.current_price,
      volume: null,
      quoteVolume: coin.total_volume,
    };
  }

  async fetchNews(): Promise<SourceBatch<NewsArticle>> {
    return { items: [], quarantined: [] };
  }
}
