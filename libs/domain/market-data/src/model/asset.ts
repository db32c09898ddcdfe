import { z } from 'zod';
import { NonNegativeDecimalStringSchema } from './decimal-string.ts';

export const AssetClassSchema = z.enum(['crypto', 'stock']);
export type AssetClass = z.infer<typeof AssetClassSchema>;

/** Upper-case ticker: "BTC", "BRK.B". The same symbol names the asset at every source. */
export const AssetSymbolSchema = z.string().regex(/^[A-Z0-9][A-Z0-9.]{0,11}$/, 'an upper-case ticker symbol');
export type AssetSymbol = z.infer<typeof AssetSymbolSchema>;

export const AssetSchema = z.object({
  symbol: AssetSymbolSchema,
  name: z.string().min(1),
  assetClass: AssetClassSchema,
  /** Crypto: layer-1, defi, stablecoin, ...; stocks: the sector. */
  category: z.string().min(1),
  /** Market capitalisation in USD when the seed list was written (an order of magnitude, not live). */
  marketCapUsd: NonNegativeDecimalStringSchema,
});
export type Asset = z.infer<typeof AssetSchema>;
