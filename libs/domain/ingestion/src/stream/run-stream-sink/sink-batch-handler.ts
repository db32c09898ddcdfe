import type { Logger } from '@ledgerline/logging';
import type { Transaction } from '@ledgerline/transactions';
import { StoreConstraintError } from '../../ports/store-constraint-error.ts';
import { accountIdsOf } from '../../ports/account-balances.port.ts';
import type { TransactionStore, UpsertResult } from '../../ports/transaction-store.port.ts';
import { toDeadLetter } from '../dead-letter.ts';
import type { EventPublisher } from '../event-publisher.port.ts';
import type { ConsumedEvent, EachBatchHandler, EventBatch } from '../event-subscriber.port.ts';
import { retryWithBackoff, StoppedError, type BackoffPolicy, type Sleep } from '../retry-with-backoff.ts';
import { withStopGrace } from '../stop-grace.ts';
import { decodeTransactionRow } from '../decode-transaction-row.ts';
import type { SinkStats } from './sink-stats.ts';

export interface SinkBatchDeps {
  store: TransactionStore;
  publisher: EventPublisher;
  logger: Logger;
  stats: SinkStats;
  now: () => Date;
  backoff?: BackoffPolicy;
  sleep?: Sleep;
  /** When stopping, how long a dead-letter publish may still take. Default 5 s. */
  stopGraceMs?: number;
  /**
   * Per partition, the position the group had already applied before a rewind (the store's
   * `applied_until`), if any: a dead letter of an event below it is marked as a redelivery.
   */
  appliedUntil?: (partition: number) => bigint | undefined;
}

export interface SinkBatchOptions {
  groupId: string;
  dlqTopic: string;
}

interface Candidate {
  event: ConsumedEvent;
  row: Transaction;
}

interface Rejected {
  event: ConsumedEvent;
  reason: string;
}

/** A null value is not an empty one: its own reason (it was reported as invalid JSON). */
const TOMBSTONE_REASON = 'tombstone: the event has a null value, and a transactions event must carry a transaction';

const NOTHING_WRITTEN: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };

function nextOffsetAfter(event: ConsumedEvent): string {
  return (BigInt(event.offset) + 1n).toString();
}

/**
 * The sink's per-batch work. Order matters for the guarantees (docs/stream.md):
 *  1. decode + validate every event (decodeTransactionRow: a hand-written fast path, zod's reasons);
 *  2. publish the invalid ones to the DLQ and wait for the ack — before any offset that covers
 *     them is stored, so a crash can never lose a poison event;
 *  3. upsert the valid rows and store the batch's next offset in ONE database transaction, so
 *     rows and position are durable together (exactly-once effect with idempotent upserts).
 * Store and DLQ failures are retried with back-off without advancing, except a refusal
 * (StoreConstraintError: a constraint, a value the store cannot hold, a business rule such as a
 * negative balance), which is permanent: that row is dead-lettered with the reason and the rest
 * of the batch lands (commitRows). The adapters classify their errors (TransientError /
 * TerminalError at their edge, e.g. the postgres adapter's failure-classes.ts and
 * constraint-errors.ts); everything they do not call terminal is retried, never skipped.
 */
export function createSinkBatchHandler(deps: SinkBatchDeps, options: SinkBatchOptions): EachBatchHandler {
  const { store, publisher, stats } = deps;

  // What to retry is the adapters' verdict (isRetryable): a refused row (StoreConstraintError) or a
  // broker's terminal refusal is thrown at once; a lost connection or anything unclassified waits.
  const retrying = <T>(batch: EventBatch, what: string, work: () => Promise<T>) =>
    retryWithBackoff(work, {
      what,
      signal: batch.signal,
      policy: deps.backoff,
      sleep: deps.sleep,
      onRetry: async (error, attempt, delayMs) => {
        stats.retried();
        deps.logger.warn(`${what} failed; retrying`, {
          topic: batch.topic,
          partition: batch.partition,
          attempt,
          retry_in_ms: delayMs,
          error: error instanceof Error ? error.message : String(error),
        });
        // A long outage must not cost the group membership (Kafka's session timeout).
        await batch.heartbeat().catch((e: unknown) => deps.logger.debug('heartbeat failed', { error: String(e) }));
      },
    });

  const deadLetter = async (batch: EventBatch, rejected: Rejected[]): Promise<void> => {
    if (rejected.length === 0) return;
    const failedAt = deps.now();
    const applied = deps.appliedUntil?.(batch.partition);
    const redelivered = (event: ConsumedEvent) => (applied !== undefined && BigInt(event.offset) < applied ? applied.toString() : undefined);
    const messages = rejected.map(({ event, reason }) => toDeadLetter(batch, event, reason, failedAt, redelivered(event)));
    // A broker outage makes publish wait; when stopping, give up after a grace period (the batch
    // is not committed, so it is redelivered and dead-lettered again later: at-least-once).
    const publishing = retrying(batch, 'dead-letter publish', () => publisher.publish(options.dlqTopic, messages));
    if ((await withStopGrace(publishing, batch.signal, deps.stopGraceMs ?? 5_000)) === 'abandoned') {
      throw new StoppedError('dead-letter publish');
    }
    stats.deadLettered(rejected.length);
    for (const { event, reason } of rejected) {
      const again = redelivered(event) !== undefined;
      if (again) stats.deadLetteredAgain();
      deps.logger.warn(again ? 'event dead-lettered again (redelivery after a rewind)' : 'event dead-lettered', {
        topic: batch.topic,
        partition: batch.partition,
        offset: event.offset,
        reason,
      });
    }
  };

  /**
   * Rows, their accounts' balances and the position in one transaction; transient failures
   * retried, schema violations thrown. A balance the rows would drive below zero is a
   * StoreConstraintError naming the account: commitRows then isolates the row that causes it.
   */
  const commit = (batch: EventBatch, rows: Candidate[], nextOffset: string): Promise<UpsertResult> =>
    retrying(
      batch,
      'store commit',
      () =>
        store.withTransaction(async (tx) => {
          let result = NOTHING_WRITTEN;
          if (rows.length > 0) {
            const written = rows.map((c) => c.row);
            result = await tx.upsertTransactions(written);
            await tx.recomputeBalances(accountIdsOf(written));
          }
          await tx.saveOffsets(options.groupId, batch.topic, [{ partition: batch.partition, offset: nextOffset }]);
          return result;
        }),
    );

  /** Counts what a commit did; a row whose content changed is worth a line (a replay changes nothing). */
  const counted = (batch: EventBatch, result: UpsertResult): void => {
    stats.stored(result);
    if (result.updated > 0) {
      deps.logger.info('stored rows updated by a changed event', { topic: batch.topic, partition: batch.partition, updated: result.updated });
    }
  };

  /**
   * Stores `rows` (ascending offsets) and the position `nextOffset`. A refusal is permanent for
   * the row that caused it, never for the batch: a refusal naming its row (tx_id) dead-letters that
   * row and retries the rest; one that does not (an account balance rule, a value no domain rule
   * explains) is bisected: the first half is stored (recursively) with the position after its last
   * event, then the second half is tried, so rows land in offset order and the row isolated is the
   * first one the store refuses given everything before it. One bad row costs about twice a clean
   * batch (log2(n) refused attempts on halving sizes), not one transaction per row.
   */
  const commitRows = async (batch: EventBatch, rows: Candidate[], nextOffset: string): Promise<void> => {
    let pending = rows;
    for (;;) {
      try {
        counted(batch, await commit(batch, pending, nextOffset));
        return;
      } catch (error) {
        if (!(error instanceof StoreConstraintError) || pending.length === 0) throw error;
        const culprits = error.keyColumn === 'tx_id' && error.rowKey !== undefined ? pending.filter((c) => c.row.tx_id === error.rowKey) : [];
        const [only] = pending;
        if (culprits.length === 0 && only && pending.length === 1) culprits.push(only);
        if (culprits.length > 0) {
          await deadLetter(
            batch,
            culprits.map((c) => ({ event: c.event, reason: `store rejected the row: ${error.message}` })),
          );
          pending = pending.filter((c) => !culprits.includes(c));
          continue;
        }
        stats.bisected();
        deps.logger.debug('store refused a row it could not name; bisecting the batch', {
          topic: batch.topic,
          partition: batch.partition,
          rows: pending.length,
          error: error.message,
        });
        const half = Math.ceil(pending.length / 2);
        const firstHalf = pending.slice(0, half);
        const lastOfFirst = firstHalf[firstHalf.length - 1];
        if (lastOfFirst) await commitRows(batch, firstHalf, nextOffsetAfter(lastOfFirst.event));
        pending = pending.slice(half);
      }
    }
  };

  return async (batch) => {
    const last = batch.messages[batch.messages.length - 1];
    if (!last) return;
    stats.received(batch.messages.length);
    const valid: Candidate[] = [];
    const rejected: Rejected[] = [];
    const sourceRefPrefix = `${batch.topic}/${batch.partition}/`;
    for (const event of batch.messages) {
      if (event.tombstone) {
        rejected.push({ event, reason: TOMBSTONE_REASON });
        continue;
      }
      const decoded = decodeTransactionRow(event.value, sourceRefPrefix + event.offset);
      if (decoded.ok) {
        valid.push({ event, row: decoded.row });
      } else {
        rejected.push({ event, reason: decoded.reason });
      }
    }
    const nextOffset = nextOffsetAfter(last);
    await deadLetter(batch, rejected);
    await commitRows(batch, valid, nextOffset);
    stats.batchCommitted(batch.partition, batch.highWatermark, nextOffset);
  };
}
