import { z } from 'zod';
import { jsonDecimal, jsonInteger } from '../http/lossless-json.ts';

/**
 * One element of GET /api/v3/ticker/24hr (FULL type). Binance sends prices and volumes as strings
 * and times as epoch milliseconds. Only the fields the bar needs are decoded; extra fields are allowed.
 */
export const BinanceTicker24hSchema = z.object({
  symbol: z.string().min(1),
  openPrice: jsonDecimal,
  highPrice: jsonDecimal,
  lowPrice: jsonDecimal,
  lastPrice: jsonDecimal,
  volume: jsonDecimal,
  quoteVolume: jsonDecimal,
  openTime: jsonInteger,
  closeTime: jsonInteger,
});
export type BinanceTicker24h = z.infer<typeof BinanceTicker24hSchema>;

