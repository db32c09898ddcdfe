/**
 * The market API's answers as the wire carries them (JSON, snake_case; decimals and instants as
 * strings): one definition for the server (MarketReads, whose row types extend these with the
 * domain's narrower names) and the dashboard's market page. This file imports nothing, so the
 * page takes its types, and the indicator list, without bundling the domain library.
 */

/** The mart's indicator columns of a bar, in display order. */
export const INDICATOR_COLUMNS = [
  'sma_20',
  'sma_50',
  'sma_200',
  'ema_12',
  'ema_26',
  'macd',
  'macd_signal',
  'macd_histogram',
  'rsi_14',
  'bollinger_upper',
  'bollinger_middle',
  'bollinger_lower',
] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

/**
 * The indicators of one bar from the dbt mart (mart_asset_indicators), null during warm-up and
 * for bars newer than the last dbt build (the RAW bar is already there; its indicators are not).
 */
export type BarIndicators = { readonly [column in IndicatorColumn]: number | null };

/** One (source, interval) series of an asset as it is stored. Decimals and instants are strings ("64123.50", "2026-01-02T00:00:00.000Z"). */
export interface MarketSeriesWire {
  readonly source: string;
  readonly interval: string;
  readonly bars: number;
  readonly first_open_time: string;
  readonly last_open_time: string;
  readonly last_close: string;
}

export interface MarketAssetWire {
  readonly symbol: string;
  readonly name: string;
  readonly asset_class: 'crypto' | 'stock';
  readonly category: string;
  readonly market_cap_usd: string | null;
  /** Newest first by last_open_time. */
  readonly series: readonly MarketSeriesWire[];
}

/** One bar: OHLCV exact from RAW (decimal strings), indicators from the mart. */
export interface CandleWire extends BarIndicators {
  readonly open_time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string | null;
  /** The source's quote currency ("USDT" at Binance, "USD" elsewhere). */
  readonly quote_currency: string;
}

export interface CandlesWire {
  readonly symbol: string;
  readonly source: string;
  readonly interval: string;
  /** Oldest first. */
  readonly bars: readonly CandleWire[];
  /** Why every indicator is null (the mart is not built yet), else null. */
  readonly indicators_missing: string | null;
}

/** One bar time across sources, from fct_asset_price_comparison. */
export interface ComparisonRowWire {
  readonly open_time: string;
  readonly source_count: number;
  readonly spread_bps: number | null;
  /** Per source: its close and its deviation from the cross-source mean in basis points. */
  readonly sources: Readonly<Record<string, { readonly close: string; readonly deviation_bps: number | null }>>;
}

export interface PriceComparisonWire {
  readonly symbol: string;
  readonly interval: string;
  /** Oldest first. */
  readonly rows: readonly ComparisonRowWire[];
  readonly missing: string | null;
}

export interface NewsRowWire {
  readonly source: string;
  readonly article_id: string;
  readonly published_at: string;
  readonly title: string;
  readonly summary: string;
  readonly url: string | null;
  /** Assets the article mentions, sorted. */
  readonly symbols: readonly string[];
}

/** Every market answer: the data and how fresh it is (the newest bar in RAW). */
export interface MarketEnvelope<T> {
  readonly as_of: { readonly latest_bar_at: string | null };
  readonly data: T;
}
