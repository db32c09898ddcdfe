import { generatorTradeMarket } from '@ledgerline/composition';
import type { LedgerlineEnv } from '@ledgerline/config';
import type { Transaction } from '@ledgerline/transactions';
import { generateTransactionStream } from '@ledgerline/transactions/generator';
import type { ProducerArgs } from './producer-args.ts';

type SourceArgs = Pick<ProducerArgs, 'seed' | 'customers' | 'start-month'>;
type SourceEnv = Pick<LedgerlineEnv, 'GENERATOR_SEED' | 'BASE_CURRENCY' | 'MARKET_SEED'>;

/**
 * What the producer publishes: the seeded, endless transaction stream of its flags, in which
 * customers also buy and sell assets at the market's prices (docs/trades.md), as in the main
 * job's stream and `batch seed`.
 */
export function producerSource(args: SourceArgs, env: SourceEnv, currentMonth: string): Iterable<Transaction> {
  return generateTransactionStream({
    seed: args.seed ?? env.GENERATOR_SEED,
    customers: args.customers,
    months: 1,
    startMonth: args['start-month'] ?? currentMonth,
    baseCurrency: env.BASE_CURRENCY,
    source: 'stream',
    market: generatorTradeMarket(env),
  });
}
