import type { Asset } from '../model/asset.ts';
import { formatGeneratedDecimal } from '../model/decimal-string.ts';
import type { NewsArticle } from '../model/news-article.ts';
import { INTERVAL_MS, type BarInterval, type PriceBar } from '../model/price-bar.ts';
import { epochMsToUtc, utcToEpochMs } from '../model/utc-time.ts';
import type { BarRequest, MarketDataSource, NewsRequest, SourceBatch, SourceCapabilities } from '../ports/market-data-source.port.ts';
import { SYNTHETIC_ANCHOR_MS } from './calendar.ts';
import type { TrueMinuteBar } from './intraday-path.ts';
import { SeededRandom } from './seeded-random.ts';
import type { SyntheticSourceProfile } from './source-profiles.ts';
import { TrueSeries } from './true-series.ts';

/**
 * A seeded stand-in for one real source: same seed, same bars, whatever range is asked for.
 * All stand-ins built from one TrueSeries share the underlying path and differ by their profile.
 */
export class SyntheticMarketSource implements MarketDataSource {
  readonly id: string;
  readonly capabilities: SourceCapabilities;

  constructor(
    private readonly profile: SyntheticSourceProfile,
    private readonly series: TrueSeries,
  ) {
    this.id = profile.id;
    this.capabilities = {
      intervals: profile.intervals,
      news: false,
      quotes: (symbol) => {
        const asset = series.asset(symbol);
        return asset !== undefined && profile.assetClasses.includes(asset.assetClass);
      },
    };
  }

  async fetchBars(request: BarRequest): Promise<SourceBatch<PriceBar>> {
    const from = utcToEpochMs(request.from);
    const to = utcToEpochMs(request.to);
    if (from < SYNTHETIC_ANCHOR_MS) throw new RangeError(`synthetic series start on ${epochMsToUtc(SYNTHETIC_ANCHOR_MS)}; asked for ${request.from}`);
    if (!this.profile.intervals.includes(request.interval)) return { items: [], quarantined: [] };
    const items: PriceBar[] = [];
    for (const symbol of request.symbols) {
      const asset = this.series.asset(symbol);
      if (!asset || !this.capabilities.quotes(symbol)) continue;
      for (const bar of this.trueBars(asset, request.interval, from, to)) items.push(this.asReported(asset, request.interval, bar));
    }
    return { items, quarantined: [] };
  }

  async fetchNews(_request: NewsRequest): Promise<SourceBatch<NewsArticle>> {
    return { items: [], quarantined: [] };
  }

  /** True bars with openTime in [from, to), shifted by this source's delay. */
  private trueBars(asset: Asset, interval: BarInterval, from: number, to: number): TrueMinuteBar[] {
    const span = INTERVAL_MS[interval];
    const lag = Math.floor(this.profile.delayMs / span) * span;
    const first = Math.ceil(from / span) * span;
    const shifted = this.series.bars(asset, interval, Math.max(SYNTHETIC_ANCHOR_MS, first - lag), to - lag);
    return shifted.map((bar) => ({ ...bar, openMs: bar.openMs + lag })).filter((bar) => bar.openMs >= from && bar.openMs < to);
  }

  private asReported(asset: Asset, interval: BarInterval, bar: TrueMinuteBar): PriceBar {
    const random = new SeededRandom(`${this.series.seed}|${this.profile.id}|${asset.symbol}|${interval}|${bar.openMs}`);
    const factor = 1 + (this.profile.spreadBps / 10_000) * random.normal();
    const price = (value: number): string => formatGeneratedDecimal(value * factor);
    const volume = bar.volume * this.profile.volumeShare;
    return {
      source: this.profile.id,
      symbol: asset.symbol,
      interval,
      openTime: epochMsToUtc(bar.openMs),
      closeTime: epochMsToUtc(bar.openMs + INTERVAL_MS[interval]),
      quoteCurrency: this.profile.quoteCurrency,
      open: price(bar.open),
      high: price(bar.high),
      low: price(bar.low),
      close: price(bar.close),
      volume: volume.toFixed(4),
      quoteVolume: (volume * bar.close * factor).toFixed(2),
    };
  }
}
