import type { ProducerCheckpointStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { StreamPlan } from '@ledgerline/transactions';
import { StreamPlanMismatchError, TransactionStreamCursor } from '@ledgerline/transactions/generator';

/**
 * The producer's stream for this run: a new one from `requested`, or — when the data directory
 * already holds a checkpoint — the stored stream, continued at its position. What defines the
 * simulated ledger (seed, base currency, first month) cannot change under existing data: that is
 * refused with the way out. More customers than before join from the next simulated month.
 */
export async function resumeStream(checkpoints: ProducerCheckpointStore, stream: string, requested: StreamPlan, logger: Logger): Promise<TransactionStreamCursor> {
  const saved = await checkpoints.load(stream);
  if (!saved) {
    const cursor = TransactionStreamCursor.open(requested, 0);
    await checkpoints.save(stream, { plan: cursor.currentPlan, position: 0 });
    logger.info('new stream', { stream, startMonth: requested.startMonth, customers: requested.customers });
    return cursor;
  }
  const { plan } = saved;
  if (plan.seed !== requested.seed || plan.baseCurrency !== requested.baseCurrency) {
    throw new StreamPlanMismatchError(
      `this data directory's stream '${stream}' was generated with GENERATOR_SEED=${plan.seed} BASE_CURRENCY=${plan.baseCurrency}; ` +
        `continuing it with GENERATOR_SEED=${requested.seed} BASE_CURRENCY=${requested.baseCurrency} would contradict its history. ` +
        'Use the original settings, or another DATA_DIR for a new stream.',
    );
  }
  const cursor = TransactionStreamCursor.open(plan, saved.position);
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
  logger.info('stream resumed', { stream, position: cursor.position, startMonth: plan.startMonth, customers: cursor.customerCount });
  return cursor;
}
