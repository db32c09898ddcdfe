import { z } from 'zod';
import { jsonDecimal } from '../http/lossless-json.ts';

/** One element of GET /api/v3/coins/markets. Numbers arrive as JSON numbers (decoded losslessly). */
export const CoinGeckoMarketSchema = z.object({
  id: z.string().min(1),
  symbol: z.string().min(1),
  name: z.string(),
  current_price: jsonDecimal,
  high_24h: jsonDecimal,
  low_24h: jsonDecimal,
  price_change_24h: jsonDecimal,
  total_volume: jsonDecimal,
  last_updated: z.iso.datetime({ offset: true }),
});
export type CoinGeckoMarket = z.infer<typeof CoinGeckoMarketSchema>;
