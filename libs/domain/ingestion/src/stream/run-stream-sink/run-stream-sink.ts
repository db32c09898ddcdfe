import type { Logger } from '@ledgerline/logging';
import type { StreamOffset } from '../../ports/store-records.ts';
import type { TransactionStore } from '../../ports/transaction-store.port.ts';
import { deadLetterTopic } from '../dead-letter.ts';
import type { EventPublisher } from '../event-publisher.port.ts';
import type { EventSubscriber } from '../event-subscriber.port.ts';
import type { TopicAdmin } from '../topic-admin.port.ts';
import { retryWithBackoff, type BackoffPolicy, type Sleep } from '../retry-with-backoff.ts';
import { createSinkBatchHandler } from './sink-batch-handler.ts';
import { SinkStats, type StreamSinkStats } from './sink-stats.ts';
import { startStatsReporter } from './stats-reporter.ts';

export interface StreamSinkDeps {
  subscriber: EventSubscriber;
  /** Publishes rejected events to the dead-letter topic. */
  publisher: EventPublisher;
  store: TransactionStore;
  logger: Logger;
  /** For the stats line's lag: the broker's log ends (without it, an estimate from the batches). */
  admin?: Pick<TopicAdmin, 'endOffsets'>;
}

export interface StreamSinkOptions {
  topic: string;
  groupId: string;
  /** Defaults to `<topic>.dlq`. */
  dlqTopic?: string;
  /** Upper bound of events per database transaction. */
  maxBatchSize?: number;
  /** How often the stats line is logged; 0 disables it. Default 5 s. */
  statsIntervalMs?: number;
  backoff?: BackoffPolicy;
  sleep?: Sleep;
  now?: () => Date;
}

export interface StreamSink {
  /** Graceful drain: finishes (and commits) the batch in progress, then leaves the group. */
  stop(): Promise<void>;
  /** Resolves when the sink stopped; rejects if it failed (nothing uncommitted is lost). */
  readonly done: Promise<void>;
  stats(): StreamSinkStats;
}

/** Events between each partition's stored position (0 when none) and its log end, summed. */
export function groupLag(ends: readonly StreamOffset[], stored: readonly StreamOffset[]): number {
  const positions = new Map(stored.map((o) => [o.partition, BigInt(o.offset)]));
  let total = 0n;
  for (const end of ends) {
    const behind = BigInt(end.offset) - (positions.get(end.partition) ?? 0n);
    if (behind > 0n) total += behind;
  }
  return Number(total);
}

/**
 * The stream sink use case: event bus -> validated rows in the TransactionStore, with the
 * consumed offsets stored in the same database transaction as the rows and used as the start
 * position on every (re)assignment. See docs/stream.md for why.
 */
export async function runStreamSink(deps: StreamSinkDeps, options: StreamSinkOptions): Promise<StreamSink> {
  const { topic, groupId } = options;
  const now = options.now ?? (() => new Date());
  const logger = deps.logger.child('stream-sink', { topic, group: groupId });
  const stats = new SinkStats();
  const lifetime = new AbortController();

  // What the group had applied before a rewind, per partition, from the last loaded positions.
  const appliedUntil = new Map<number, bigint>();
  const eachBatch = createSinkBatchHandler(
    {
      store: deps.store,
      publisher: deps.publisher,
      logger,
      stats,
      now,
      backoff: options.backoff,
      sleep: options.sleep,
      appliedUntil: (partition) => appliedUntil.get(partition),
    },
    { groupId, dlqTopic: options.dlqTopic ?? deadLetterTopic(topic) },
  );

  const rememberApplied = (offsets: StreamOffset[]): StreamOffset[] => {
    appliedUntil.clear();
    for (const o of offsets) if (o.applied_until !== undefined) appliedUntil.set(o.partition, BigInt(o.applied_until));
    return offsets;
  };
  // Positions live in Postgres; while it is down the assignment waits instead of guessing.
  const loadOffsets = () =>
    retryWithBackoff(async () => rememberApplied(await deps.store.loadOffsets(groupId, topic)), {
      what: 'load stored offsets',
      signal: lifetime.signal,
      policy: options.backoff,
      sleep: options.sleep,
      onRetry: (error, attempt, delayMs) => {
        stats.retried();
        logger.warn('load stored offsets failed; retrying', { attempt, retry_in_ms: delayMs, error: String(error) });
      },
    });

  const subscription = await deps.subscriber.run({ topic, groupId, eachBatch, loadOffsets, maxBatchSize: options.maxBatchSize });
  logger.info('stream sink started');

  const statsIntervalMs = options.statsIntervalMs ?? 5_000;
  const admin = deps.admin;
  // Lag = log ends (broker) minus the positions stored with the rows: what the group has not applied.
  const readLag = admin
    ? async () => groupLag(await admin.endOffsets(topic), await deps.store.loadOffsets(groupId, topic))
    : undefined;
  const reporter = statsIntervalMs > 0 ? startStatsReporter(stats, logger, statsIntervalMs, () => now().getTime(), readLag) : undefined;

  const done = subscription.done.then(
    () => {
      reporter?.stop();
      logger.info('stream sink stopped', { ...stats.snapshot() });
    },
    (error: unknown) => {
      reporter?.stop();
      logger.error('stream sink failed', { error, ...stats.snapshot() });
      throw error;
    },
  );
  // The failure is logged above and stays observable through `done`; never an unhandled rejection.
  done.catch(() => undefined);

  return {
    stop: async () => {
      lifetime.abort();
      await subscription.stop();
      await done.catch(() => undefined);
    },
    done,
    stats: () => stats.snapshot(),
  };
}
