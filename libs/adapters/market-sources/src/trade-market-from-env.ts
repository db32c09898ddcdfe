import type { LedgerlineEnv } from '@ledgerline/config';
import { syntheticTradeMarket } from '@ledgerline/market-data';
import type { TradeMarket } from '@ledgerline/transactions';

/**
 * The price series the transaction generator prices investment trades from (docs/trades.md):
 * the seeded series of MARKET_SEED, the very one the synthetic market sources report, so a
 * trade's price is the market's price at its time. Read here, beside the sources, because
 * MARKET_SEED is this adapter's variable. Live sources have no deterministic history to replay,
 * so trades are priced from the synthetic series whatever MARKET_SOURCES says.
 */
export function tradeMarketFromEnv(env: Pick<LedgerlineEnv, 'MARKET_SEED'>): TradeMarket {
  return syntheticTradeMarket(env.MARKET_SEED);
}
