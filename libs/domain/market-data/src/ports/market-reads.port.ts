import { token } from '@ledgerline/di';
import { z } from 'zod';
import { AssetSymbolSchema, type AssetClass } from '../model/asset.ts';
import type { DecimalString } from '../model/decimal-string.ts';
import { BarIntervalSchema, SourceIdSchema, type BarInterval, type SourceId } from '../model/price-bar.ts';
import { UtcInstantSchema, type UtcInstant } from '../model/utc-time.ts';
import type {
  CandlesWire,
  CandleWire,
  ComparisonRowWire,
  MarketAssetWire,
  MarketSeriesWire,
  NewsRowWire,
  PriceComparisonWire,
} from '../wire/market-wire.ts';

export { INDICATOR_COLUMNS, type BarIndicators, type IndicatorColumn, type MarketEnvelope } from '../wire/market-wire.ts';

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

// The rows are the wire's (../wire/market-wire.ts, shared with the dashboard's market page),
// with the domain's names for what the wire carries as plain strings.

/** One (source, interval) series of an asset as it is stored. */
export interface MarketSeriesRow extends MarketSeriesWire {
  readonly source: SourceId;
  readonly interval: BarInterval;
  readonly first_open_time: UtcInstant;
  readonly last_open_time: UtcInstant;
  readonly last_close: DecimalString;
}

export interface MarketAssetRow extends MarketAssetWire {
  readonly asset_class: AssetClass;
  readonly market_cap_usd: DecimalString | null;
  /** Newest first by last_open_time. */
  readonly series: readonly MarketSeriesRow[];
}

/** One bar: OHLCV exact from RAW (decimal strings), indicators from the mart. */
export interface CandleRow extends CandleWire {
  readonly open_time: UtcInstant;
  readonly open: DecimalString;
  readonly high: DecimalString;
  readonly low: DecimalString;
  readonly close: DecimalString;
  readonly volume: DecimalString | null;
}

export interface Candles extends CandlesWire {
  readonly source: SourceId;
  readonly interval: BarInterval;
  /** Oldest first. */
  readonly bars: readonly CandleRow[];
}

/** One bar time across sources, from fct_asset_price_comparison. */
export interface ComparisonRow extends ComparisonRowWire {
  readonly open_time: UtcInstant;
  readonly sources: Readonly<Record<SourceId, { readonly close: DecimalString; readonly deviation_bps: number | null }>>;
}

export interface PriceComparison extends PriceComparisonWire {
  readonly interval: BarInterval;
  /** Oldest first. */
  readonly rows: readonly ComparisonRow[];
}

export interface NewsRow extends NewsRowWire {
  readonly source: SourceId;
  readonly published_at: UtcInstant;
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
