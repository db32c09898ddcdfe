import {
  INTERVAL_MS,
  epochSecondsToUtc,
  utcToEpochMs,
  type Asset,
  type BarInterval,
  type BarRequest,
  type MarketDataSource,
  type NewsArticle,
  type PriceBar,
  type QuarantineReport,
  type SourceBatch,
  type SourceCapabilities,
} from '@ledgerline/market-data';
import { decodeBody, quarantineReport, type DecodeContext } from '../http/quarantine.ts';
import type { SourceHttpClient } from '../http/source-http-client.ts';
import { YahooChartSchema, type YahooChart } from './yahoo-chart-schema.ts';

const YAHOO_INTERVAL: Partial<Record<BarInterval, string>> = { '1m': '1m', '5m': '5m', '1h': '60m', '1d': '1d' };

export interface YahooSourceOptions {
  baseUrl: string;
  http: SourceHttpClient;
  assets: readonly Asset[];
  now?: () => Date;
}

/** Yahoo's ticker for a seed asset: crypto trades as BTC-USD, and share classes use a dash (BRK-B). */
export function yahooTicker(asset: Asset): string {
  return asset.assetClass === 'crypto' ? `${asset.symbol}-USD` : asset.symbol.replace('.', '-');
}

/**
 * Yahoo Finance chart data (GET /v8/finance/chart/{ticker}?period1&period2&interval), daily and
 * intraday OHLCV, one request per symbol. A symbol Yahoo does not know (404 with chart.error) is
 * reported and skipped; a body of another shape is quarantined; the other symbols go on.
 */
export class YahooSource implements MarketDataSource {
  readonly id = 'yahoo';
  readonly capabilities: SourceCapabilities;
  private readonly bySymbol: ReadonlyMap<string, Asset>;

  constructor(private readonly options: YahooSourceOptions) {
    this.bySymbol = new Map(options.assets.map((a) => [a.symbol, a]));
    this.capabilities = { intervals: ['1m', '5m', '1h', '1d'], news: false, quotes: (symbol) => this.bySymbol.has(symbol) };
  }

  async fetchBars(request: BarRequest): Promise<SourceBatch<PriceBar>> {
    const interval = YAHOO_INTERVAL[request.interval];
    if (!interval) return { items: [], quarantined: [] };
    const items: PriceBar[] = [];
    const quarantined: QuarantineReport[] = [];
    const period1 = Math.floor(utcToEpochMs(request.from) / 1000);
    const period2 = Math.floor(utcToEpochMs(request.to) / 1000);
    for (const symbol of request.symbols) {
      const asset = this.bySymbol.get(symbol);
      if (!asset) continue;
      const ticker = yahooTicker(asset);
      const endpoint = `/v8/finance/chart/${encodeURIComponent(ticker)}`;
      const response = await this.options.http.get(`${this.options.baseUrl}${endpoint}?period1=${period1}&period2=${period2}&interval=${interval}&includePrePost=false`);
      const context = { source: this.id, endpoint, receivedAt: (this.options.now?.() ?? new Date()).toISOString() };
      const decoded = decodeBody(YahooChartSchema, response.body, context);
      if ('report' in decoded) {
        quarantined.push(decoded.report);
        continue;
      }
      const { chart } = decoded.value;
      if (chart.error || !chart.result) {
        quarantined.push(quarantineReport(context, 'chart.error', `${chart.error?.code ?? 'no result'}: ${chart.error?.description ?? 'empty chart'}`, response.body));
        continue;
      }
      items.push(...this.toBars(asset, request, chart, response.body, context, quarantined));
    }
    return { items, quarantined };
  }

  private toBars(asset: Asset, request: BarRequest, chart: YahooChart['chart'], body: string, context: DecodeContext, quarantined: QuarantineReport[]): PriceBar[] {
    const [result] = chart.result ?? [];
    const timestamps = result?.timestamp ?? [];
    const quote = result?.indicators.quote[0] ?? {};
    const { open = [], high = [], low = [], close = [], volume = [] } = quote;
    if ([open, high, low, close, volume].some((column) => column.length !== timestamps.length)) {
      quarantined.push(quarantineReport(context, 'indicators.quote[0]', `arrays of unequal length for ${timestamps.length} timestamps`, body));
      return [];
    }
    const from = utcToEpochMs(request.from);
    const to = utcToEpochMs(request.to);
    const bars: PriceBar[] = [];
    timestamps.forEach((seconds, i) => {
      const [o, h, l, c] = [open[i], high[i], low[i], close[i]];
      // A slot without prices is no bar (Yahoo's placeholder), not a zero-priced one.
      if (o == null || h == null || l == null || c == null) return;
      // Daily bars are stamped with the session's open (14:30 UTC for New York); the bar's key is
      // the UTC date, as for every other source, so daily rows line up across sources.
      const openSeconds = request.interval === '1d' ? Math.floor(seconds / 86_400) * 86_400 : seconds;
      const openMs = openSeconds * 1000;
      if (openMs < from || openMs >= to) return;
      bars.push({
        source: this.id,
        symbol: asset.symbol,
        interval: request.interval,
        openTime: epochSecondsToUtc(openSeconds),
        closeTime: epochSecondsToUtc(openSeconds + INTERVAL_MS[request.interval] / 1000),
        quoteCurrency: result?.meta.currency ?? 'USD',
        open: o,
        high: h,
        low: l,
        close: c,
        volume: volume[i] ?? null,
        quoteVolume: null,
      });
    });
    return bars;
  }

  async fetchNews(): Promise<SourceBatch<NewsArticle>> {
    return { items: [], quarantined: [] };
  }
}
