import type { TradeMarket } from '@ledgerline/transactions';
import { SEED_ASSETS } from '../assets/seed-assets.ts';
import type { Asset } from '../model/asset.ts';
import { formatGeneratedDecimal } from '../model/decimal-string.ts';
import { SYNTHETIC_ANCHOR_MS } from './calendar.ts';
import { TrueSeries } from './true-series.ts';

const MINUTE_MS = 60_000;
/** The synthetic series are quoted in USD (the stand-in sources report USD or USDT pairs). */
export const SYNTHETIC_TRADE_CURRENCY = 'USD';

/**
 * The generator's trades priced from the same seeded series the synthetic market sources report
 * (docs/trades.md): a trade at time t pays the open of the true 1-minute bar containing t (the last
 * price known at t), rendered as the sources render prices (8 significant digits, at most 8
 * decimals). Stocks have no bar outside their session or at weekends, so no price then.
 */
export function syntheticTradeMarket(seed: string, assets: readonly Asset[] = SEED_ASSETS): TradeMarket {
  const series = new TrueSeries(seed, assets);
  return {
    id: `synthetic:${seed}`,
    assets: assets.map((asset) => ({ symbol: asset.symbol, assetClass: asset.assetClass, currency: SYNTHETIC_TRADE_CURRENCY })),
    priceAt(symbol, atMs) {
      const asset = series.asset(symbol);
      if (!asset || atMs < SYNTHETIC_ANCHOR_MS) return undefined;
      const minute = Math.floor(atMs / MINUTE_MS) * MINUTE_MS;
      const [bar] = series.bars(asset, '1m', minute, minute + MINUTE_MS);
      return bar ? formatGeneratedDecimal(bar.open) : undefined;
    },
  };
}
