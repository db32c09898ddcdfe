import { z } from 'zod';
import { AssetClassSchema, AssetSymbolSchema } from '../model/asset.ts';
import { SourceIdSchema } from '../model/price-bar.ts';
import { INDICATOR_COLUMNS, MAX_NEWS } from '../ports/market-reads.port.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar day');
const ordered = (p: { from: string; to: string }) => p.from <= p.to;

/**
 * The named market metrics (issue #18): what the agent's `market` tool runs, with fixed
 * definitions (market-metrics.ts), over MarketReads. Days are UTC; prices are decimal strings.
 */
export const MARKET_METRIC_CATALOG = {
  marketAsOf: {
    description: 'The newest bar in the warehouse (the "now" of relative dates) and how many assets have prices',
    params: z.object({}),
  },
  closingPrice: {
    description: "Close of an asset's daily bar on a UTC day (source: binance, coingecko, yahoo, the first the asset has)",
    params: z.object({ symbol: AssetSymbolSchema, day: isoDay, source: SourceIdSchema.optional() }),
  },
  latestIndicator: {
    description: 'The newest value of a technical indicator on daily bars: rsi_14, macd (+ signal, histogram), sma_20/50/200, ema_12/26, bollinger bands',
    params: z.object({ symbol: AssetSymbolSchema, indicator: z.enum(INDICATOR_COLUMNS) }),
  },
  topMovers: {
    description: 'The N largest assets of a class by market cap, ranked by their change from the first open to the last close of the range',
    params: z.object({ assetClass: AssetClassSchema, top: z.number().int().min(1).max(50).default(10), from: isoDay, to: isoDay }).refine(ordered, 'from is after to'),
  },
  assetNews: {
    description: 'News articles mentioning an asset in a range of UTC days, newest first',
    params: z.object({ symbol: AssetSymbolSchema, from: isoDay, to: isoDay, limit: z.number().int().min(1).max(MAX_NEWS).default(20) }).refine(ordered, 'from is after to'),
  },
} as const;

export type MarketMetricName = keyof typeof MARKET_METRIC_CATALOG;
export const MARKET_METRIC_NAMES = Object.keys(MARKET_METRIC_CATALOG) as MarketMetricName[];
export type MarketMetricInput<N extends MarketMetricName> = z.input<(typeof MARKET_METRIC_CATALOG)[N]['params']>;

/** No figure for this question, and why (an unknown asset, a day without a bar, a series too short). */
export class MarketMetricRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MarketMetricRefusal';
  }
}
