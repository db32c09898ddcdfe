import type { LedgerlineEnv } from '@ledgerline/config';
import { tradeMarketFromEnv } from '@ledgerline/market-sources';
import type { StreamPlan, TradeMarket } from '@ledgerline/transactions';
import { StreamPlanMismatchError } from '@ledgerline/transactions/generator';

type MarketEnv = Pick<LedgerlineEnv, 'MARKET_SEED'>;

/**
 * The market every app's generated data trades on (docs/trades.md): the seeded price series of
 * MARKET_SEED, the one the synthetic market sources report, so a trade's price is the market's
 * price at its time. The producer app, `batch seed` and the main job all take it from here.
 */
export function generatorTradeMarket(env: MarketEnv): TradeMarket {
  return tradeMarketFromEnv(env);
}

/**
 * The market a resumable stream continues on, decided by its stored plan (docs/main-job.md):
 * - no stored plan: a new stream, which trades on this environment's market;
 * - a plan without a market: a stream started before trades existed; it continues without them
 *   (its replayed history has none, and trades appearing mid-way would change what follows);
 * - a plan with this environment's market: that market;
 * - a plan with another market (MARKET_SEED changed): refused, since the replayed trades, and
 *   every balance after them, would contradict the history already published.
 */
export function streamTradeMarket(env: MarketEnv, stored: Pick<StreamPlan, 'market'> | undefined): TradeMarket | undefined {
  const market = generatorTradeMarket(env);
  if (!stored) return market;
  if (stored.market === undefined) return undefined;
  if (stored.market === market.id) return market;
  throw new StreamPlanMismatchError(
    `this data directory's stream trades on market ${stored.market}; this MARKET_SEED is market ${market.id}, ` +
      'and continuing on it would contradict the trades already published. Use the original MARKET_SEED, or another DATA_DIR for a new stream.',
  );
}
