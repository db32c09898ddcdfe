import { z } from 'zod';
import { DecimalStringSchema, NonNegativeDecimalStringSchema, compareDecimal } from './decimal-string.ts';
import { AssetSymbolSchema } from './asset.ts';
import { UtcInstantSchema } from './utc-time.ts';

/**
 * Bar lengths. `24h` is a rolling window ending at closeTime (Binance's 24h ticker and CoinGecko's
 * markets snapshot), not a calendar day; `1d` is the UTC (crypto) or exchange (stock) day.
 */
export const BarIntervalSchema = z.enum(['1m', '5m', '1h', '1d', '24h']);
export type BarInterval = z.infer<typeof BarIntervalSchema>;

export const INTERVAL_MS: Record<BarInterval, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
  '24h': 86_400_000,
};

export const SourceIdSchema = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a lower-case source id such as "binance"');
export type SourceId = z.infer<typeof SourceIdSchema>;

/** One OHLCV bar as a source reported it. Its identity is (source, symbol, interval, openTime). */
export const PriceBarSchema = z
  .object({
    source: SourceIdSchema,
    symbol: AssetSymbolSchema,
    interval: BarIntervalSchema,
    openTime: UtcInstantSchema,
    closeTime: UtcInstantSchema,
    /** Quote currency of the prices ("USD"; Binance's USDT pairs are reported as "USDT"). */
    quoteCurrency: z.string().regex(/^[A-Z]{3,5}$/),
    open: NonNegativeDecimalStringSchema,
    high: NonNegativeDecimalStringSchema,
    low: NonNegativeDecimalStringSchema,
    close: NonNegativeDecimalStringSchema,
    /** Traded volume in units of the asset; null where the source reports only quote volume. */
    volume: DecimalStringSchema.nullable(),
    /** Traded volume in the quote currency; null where the source does not report it. */
    quoteVolume: DecimalStringSchema.nullable(),
  })
  .refine((bar) => bar.openTime < bar.closeTime, { message: 'openTime must be before closeTime', path: ['closeTime'] })
  .refine((bar) => compareDecimal(bar.low, bar.high) <= 0, { message: 'low must not exceed high', path: ['low'] });
export type PriceBar = z.infer<typeof PriceBarSchema>;

export function barKey(bar: Pick<PriceBar, 'source' | 'symbol' | 'interval' | 'openTime'>): string {
  return `${bar.source}|${bar.symbol}|${bar.interval}|${bar.openTime}`;
}
