import type { ProducerCheckpointStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { StreamPlan, TradeMarket } from '@ledgerline/transactions';
import { StreamPlanMismatchError, TransactionStreamCursor } from '@ledgerline/transactions/generator';

export interface ResumedStream {
  readonly cursor: TransactionStreamCursor;
  /** What its trades are priced on; undefined: the stream has no trades. */
  readonly market: TradeMarket | undefined;
}

/**
 * The producer's stream for this run: a new one from `requested`, or — when the data directory
 * already holds a checkpoint — the stored stream, continued at its position. What defines the
 * simulated ledger (seed, base currency, first month) cannot change under existing data: that is
 * refused with the way out. More customers than before join from the next simulated month.
 *
 * Investment trades (docs/trades.md) are decided by the stored plan too: `marketFor` gives the
 * market of a new stream (no stored plan), none for a plan stored before trades existed (that
 * stream continues as it began, without trades), and refuses a plan of another market.
 */
export async function resumeStream(
  checkpoints: ProducerCheckpointStore,
  stream: string,
  requested: StreamPlan,
  logger: Logger,
  marketFor: (stored: StreamPlan | undefined) => TradeMarket | undefined,
): Promise<ResumedStream> {
  const saved = await checkpoints.load(stream);
  if (!saved) {
    const market = marketFor(undefined);
    const plan: StreamPlan = market ? { ...requested, market: market.id } : requested;
    const cursor = TransactionStreamCursor.open(plan, 0, 'stream', market);
    await checkpoints.save(stream, { plan: cursor.currentPlan, position: 0 });
    logger.info('new stream', { stream, startMonth: requested.startMonth, customers: requested.customers, trades: market?.id ?? 'none' });
    return { cursor, market };
  }
  const { plan } = saved;
  if (plan.seed !== requested.seed || plan.baseCurrency !== requested.baseCurrency) {
    throw new StreamPlanMismatchError(
      `this data directory's stream '${stream}' was generated with GENERATOR_SEED=${plan.seed} BASE_CURRENCY=${plan.baseCurrency}; ` +
        `continuing it with GENERATOR_SEED=${requested.seed} BASE_CURRENCY=${requested.baseCurrency} would contradict its history. ` +
        'Use the original settings, or another DATA_DIR for a new stream.',
    );
  }
  const market = marketFor(plan);
  if (!market) logger.warn('this stream was started before investment trades existed: it continues without trades (another DATA_DIR starts one with them)', { stream });
  const cursor = TransactionStreamCursor.open(plan, saved.position, 'stream', market);
  try {
    cursor.growTo(requested.customers);
  } catch (error) {
    if (error instanceof StreamPlanMismatchError) {
      throw new StreamPlanMismatchError(`--customers ${requested.customers}: ${error.message} (customers cannot leave a ledger that has their history). Use --customers ${cursor.customerCount} or more, or another DATA_DIR.`);
    }
    throw error;
  }
  // Saved before any event of a grown population is published: a replay must grow at the same point.
  await checkpoints.save(stream, { plan: cursor.currentPlan, position: cursor.position });
  logger.info('stream resumed', { stream, position: cursor.position, startMonth: plan.startMonth, customers: cursor.customerCount, trades: market?.id ?? 'none' });
  return { cursor, market };
}
