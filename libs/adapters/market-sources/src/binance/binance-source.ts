import { epochMsToUtc, type BarRequest, type MarketDataSource, type NewsArticle, type PriceBar, type SourceBatch, type SourceCapabilities } from '@ledgerline/market-data';
import { z } from 'zod';
import { decodeBody, decodeEach, quarantineReport } from '../http/quarantine.ts';
import type { SourceHttpClient } from '../http/source-http-client.ts';
import { BinanceTicker24hSchema } from './binance-ticker-schema.ts';

const QUOTE = 'USDT';
// Binance lists no USDT/USDT pair, and the seed list's stocks are not on Binance.
const UNQUOTED = new Set(['USDT']);

export interface BinanceSourceOptions {
  baseUrl: string;
  http: SourceHttpClient;
  cryptoSymbols: ReadonlySet<string>;
  now?: () => Date;
}

/**
 * Binance's rolling 24h ticker (GET /api/v3/ticker/24hr?symbols=[...]) as `24h` bars. The ticker is
 * "now": it has no history, so a backfill of past days gets only the current window.
 */
export class BinanceSource implements MarketDataSource {
  readonly id = 'binance';
  readonly capabilities: SourceCapabilities;

  constructor(private readonly options: BinanceSourceOptions) {
    this.capabilities = { intervals: ['24h'], news: false, quotes: (symbol) => options.cryptoSymbols.has(symbol) && !UNQUOTED.has(symbol) };
  }

  async fetchBars(request: BarRequest): Promise<SourceBatch<PriceBar>> {
    const symbols = request.symbols.filter((s) => this.capabilities.quotes(s));
    if (request.interval !== '24h' || symbols.length === 0) return { items: [], quarantined: [] };
    const pairs = new Map(symbols.map((s) => [`${s.replace('.', '')}${QUOTE}`, s]));
    const endpoint = '/api/v3/ticker/24hr';
    const url = `${this.options.baseUrl}${endpoint}?symbols=${encodeURIComponent(JSON.stringify([...pairs.keys()]))}`;
    const response = await this.options.http.get(url);
    const context = { source: this.id, endpoint, receivedAt: (this.options.now?.() ?? new Date()).toISOString() };
    const envelope = decodeBody(z.array(z.unknown()), response.body, context);
    if ('report' in envelope) return { items: [], quarantined: [envelope.report] };
    const { values, reports } = decodeEach(BinanceTicker24hSchema, envelope.value, response.body, context);
    const items: PriceBar[] = [];
    for (const ticker of values) {
      const symbol = pairs.get(ticker.symbol);
      if (!symbol) {
        reports.push(quarantineReport(context, 'symbol', `pair ${ticker.symbol} was not requested`, response.body));
        continue;
      }
      items.push({
        source: this.id,
        symbol,
        interval: '24h',
        openTime: epochMsToUtc(ticker.openTime),
        // closeTime is the last millisecond of the window; the bar's closeTime is exclusive.
        closeTime: epochMsToUtc(ticker.closeTime + 1),
        quoteCurrency: QUOTE,
        open: ticker.openPrice,
        high: ticker.highPrice,
        low: ticker.lowPrice,
        close: ticker.lastPrice,
        volume: ticker.volume,
        quoteVolume: ticker.quoteVolume,
      });
    }
    return { items, quarantined: reports };
  }

  async fetchNews(): Promise<SourceBatch<NewsArticle>> {
    return { items: [], quarantined: [] };
  }
}
