import { token } from '@ledgerline/di';
import { z } from 'zod';
import { AssetSymbolSchema, type AssetClass } from '../model/asset.ts';
import type { DecimalString } from '../model/decimal-string.ts';
import { BarIntervalSchema, SourceIdSchema, type BarInterval, type SourceId } from '../model/price-bar.ts';
import { UtcInstantSchema, type UtcInstant } from '../model/utc-time.ts';

/** The most bars one read returns (a chart draws a few hundred; 2,000 minutes is 33 hours). */
export const MAX_BARS = 2_000;
export const MAX_NEWS = 500;

const rangeShape = {
  /** Inclusive bounds on open_time (bars) or published_at (news), UTC. */
  from: UtcInstantSchema.optional(),
  to: UtcInstantSchema.optional(),
};
const ordered = (p: { from?: string | undefined; to?: string | undefined }) => !p.from || !p.to || p.from <= p.to;
const orderedMessage = { message: 'from must not be after to', path: ['from'] };

export const candlesParamsSchema = z
  .object({
    symbol: AssetSymbolSchema,
    source: SourceIdSchema,
    interval: BarIntervalSchema,
    ...rangeShape,
    /** The newest `limit` bars of the range. */
    limit: z.number().int().min(1).max(MAX_BARS).default(300),
  })
  .refine(ordered, orderedMessage);
export type CandlesParams = z.input<typeof candlesParamsSchema>;

export const comparisonParamsSchema = z
  .object({ symbol: AssetSymbolSchema, interval: BarIntervalSchema, ...rangeShape, limit: z.number().int().min(1).max(MAX_BARS).default(300) })
  .refine(ordered, orderedMessage);
export type ComparisonParams = z.input<typeof comparisonParamsSchema>;

export const newsParamsSchema = z
  .object({ symbol: AssetSymbolSchema.optional(), ...rangeShape, limit: z.number().int().min(1).max(MAX_NEWS).default(100) })
  .refine(ordered, orderedMessage);
export type NewsParams = z.input<typeof newsParamsSchema>;

/** One (source, interval) series of an asset as it is stored. */
export interface MarketSeriesRow {
  readonly source: SourceId;
  readonly interval: BarInterval;
  readonly bars: number;
  readonly first_open_time: UtcInstant;
  readonly last_open_time: UtcInstant;
  readonly last_close: DecimalString;
}

export interface MarketAssetRow {
  readonly symbol: string;
  readonly name: string;
  readonly asset_class: AssetClass;
  readonly category: string;
  readonly market_cap_usd: DecimalString | null;
  /** Newest first by last_open_time. */
  readonly series: readonly MarketSeriesRow[];
}

/**
 * The indicators of one bar from the dbt mart (mart_asset_indicators), null during warm-up and
 * for bars newer than the last dbt build (the RAW bar is already there; its indicators are not).
 */
export interface BarIndicators {
  readonly sma_20: number | null;
  readonly sma_50: number | null;
  readonly sma_200: number | null;
  readonly ema_12: number | null;
  readonly ema_26: number | null;
  readonly macd: number | null;
  readonly macd_signal: number | null;
  readonly macd_histogram: number | null;
  readonly rsi_14: number | null;
  readonly bollinger_upper: number | null;
  readonly bollinger_middle: number | null;
  readonly bollinger_lower: number | null;
}

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
] as const satisfies ReadonlyArray<keyof BarIndicators>;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];

/** One bar: OHLCV exact from RAW (decimal strings), indicators from the mart. */
export interface CandleRow extends BarIndicators {
  readonly open_time: UtcInstant;
  readonly open: DecimalString;
  readonly high: DecimalString;
  readonly low: DecimalString;
  readonly close: DecimalString;
  readonly volume: DecimalString | null;
  /** The source's quote currency ("USDT" at Binance, "USD" elsewhere). */
  readonly quote_currency: string;
}

export interface Candles {
  readonly symbol: string;
  readonly source: SourceId;
  readonly interval: BarInterval;
  /** Oldest first. */
  readonly bars: readonly CandleRow[];
  /** Why every indicator is null (the mart is not built yet), else null. */
  readonly indicators_missing: string | null;
}

/** One bar time across sources, from fct_asset_price_comparison. */
export interface ComparisonRow {
  readonly open_time: UtcInstant;
  readonly source_count: number;
  readonly spread_bps: number | null;
  /** Per source: its close and its deviation from the cross-source mean in basis points. */
  readonly sources: Readonly<Record<SourceId, { readonly close: DecimalString; readonly deviation_bps: number | null }>>;
}

export interface PriceComparison {
  readonly symbol: string;
  readonly interval: BarInterval;
  /** Oldest first. */
  readonly rows: readonly ComparisonRow[];
  readonly missing: string | null;
}

export interface NewsRow {
  readonly source: SourceId;
  readonly article_id: string;
  readonly published_at: UtcInstant;
  readonly title: string;
  readonly summary: string;
  readonly url: string | null;
  /** Assets the article mentions, sorted. */
  readonly symbols: readonly string[];
}

/**
 * Reads of the market data in the warehouse for the dashboard and the agent: bars from RAW (live:
 * the stream lands there), indicators and the source comparison from the dbt marts, news from RAW.
 * Every method validates its params with the schemas above.
 */
export interface MarketReads {
  assets(): Promise<MarketAssetRow[]>;
  candles(params: CandlesParams): Promise<Candles>;
  comparison(params: ComparisonParams): Promise<PriceComparison>;
  news(params?: NewsParams): Promise<NewsRow[]>;
  close(): Promise<void>;
}

export const MARKET_READS = token<MarketReads>('MarketReads');
