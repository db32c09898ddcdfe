import type { AssetSymbol } from '../model/asset.ts';
import type { NewsArticle } from '../model/news-article.ts';
import type { BarInterval, PriceBar, SourceId } from '../model/price-bar.ts';
import type { QuarantineReport } from '../model/quarantine-report.ts';
import type { UtcInstant } from '../model/utc-time.ts';

export interface BarRequest {
  symbols: readonly AssetSymbol[];
  interval: BarInterval;
  /** Bars whose openTime is in [from, to). */
  from: UtcInstant;
  to: UtcInstant;
}

export interface NewsRequest {
  from: UtcInstant;
  to: UtcInstant;
}

export interface SourceCapabilities {
  /** Intervals this source can deliver; a request for another interval yields nothing. */
  intervals: readonly BarInterval[];
  news: boolean;
  /** Symbols this source quotes (Binance has no stocks, the news feed no prices). */
  quotes(symbol: AssetSymbol): boolean;
}

/** What one fetch produced: decoded records plus whatever did not decode (never silently dropped). */
export interface SourceBatch<T> {
  items: T[];
  quarantined: QuarantineReport[];
}

/**
 * One market-data provider. Implementations decode the provider's wire format into these shapes
 * (prices as decimal strings, times as UTC instants); a shape they do not recognise is returned
 * in `quarantined`, and a source that cannot answer at all throws a MarketSourceError.
 */
export interface MarketDataSource {
  readonly id: SourceId;
  readonly capabilities: SourceCapabilities;
  fetchBars(request: BarRequest): Promise<SourceBatch<PriceBar>>;
  fetchNews(request: NewsRequest): Promise<SourceBatch<NewsArticle>>;
}

/** The source could not answer (unreachable, 5xx after retries, out of budget, rejected key). */
export class MarketSourceError extends Error {
  constructor(
    readonly source: SourceId,
    readonly kind: 'unavailable' | 'rate-limited' | 'budget-exhausted' | 'rejected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'MarketSourceError';
  }
}
