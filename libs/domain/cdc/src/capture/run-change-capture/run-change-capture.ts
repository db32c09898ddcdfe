import { retryWithBackoff, StoppedError, type BackoffPolicy, type EventPublisher, type Sleep } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import { formatLsn } from '../../events/lsn.ts';
import type { RowChange, SourceMessage } from '../../events/row-change.ts';
import { shapeChangeEvent, type ShapeOptions } from '../../events/shape-change-event.ts';
import { splitKeyChange } from '../../events/split-key-change.ts';
import type { ChangeSource } from '../../ports/change-source.port.ts';
import { ChangeBatch } from './change-batch.ts';
import { CaptureStats, type ChangeCaptureStats } from './capture-stats.ts';

export interface ChangeCaptureDeps {
  source: ChangeSource;
  publisher: EventPublisher;
  logger: Logger;
  now?: () => number;
  sleep?: Sleep;
}

export interface ChangeCaptureOptions {
  /** Topics are `<topicPrefix>.<schema>.<table>`. */
  topicPrefix: string;
  /** `source.connector` in every event. Default `postgresql` (Debezium's value). */
  connector?: string;
  /** Events per publish (and so per acknowledgement at most). Default 2,000. */
  maxBatchEvents?: number;
  /** A partial batch is published after this long. Default 200 ms. */
  maxBatchDelayMs?: number;
  /** How often a heartbeat is written into the log; 0 disables. Default 10 s. */
  heartbeatIntervalMs?: number;
  backoff?: BackoffPolicy;
  /** On stop, publishing what was read may retry this long before giving up (it replays then). Default 10 s. */
  stopGraceMs?: number;
}

export interface ChangeCapture {
  /** Stops streaming, publishes and acknowledges what was read, then resolves. */
  stop(): Promise<void>;
  /** Resolves when capture stopped; rejects when it failed (nothing unpublished was acknowledged). */
  readonly done: Promise<void>;
  stats(): ChangeCaptureStats;
}

/**
 * The CDC use case: snapshot (when due) and then the change stream, shaped into Debezium
 * envelopes and published per table topic. A position is acknowledged to the source only after
 * the publisher confirmed every event before it (see change-batch.ts), so a crash at any point
 * replays from the last acknowledged position: at-least-once, never a gap.
 */
export async function runChangeCapture(deps: ChangeCaptureDeps, options: ChangeCaptureOptions): Promise<ChangeCapture> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger.child('cdc', { source: deps.source.kind, prefix: options.topicPrefix });
  const maxBatchEvents = options.maxBatchEvents ?? 2_000;
  const maxBatchDelayMs = options.maxBatchDelayMs ?? 200;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 10_000;
  const stats = new CaptureStats(now);
  // `stopping` ends the snapshot and the stream; `giveUp` ends publish retries (a grace after stop).
  const stopping = new AbortController();
  const giveUp = new AbortController();
  const batch = new ChangeBatch();
  let shapeOptions: Omit<ShapeOptions, 'nowMs'> | undefined;
  // One flush at a time, in order: the handler and the timer both go through this chain.
  let serial: Promise<void> = Promise.resolve();
  const exclusive = (work: () => Promise<void>): Promise<void> => {
    const next = serial.then(work);
    serial = next.catch(() => undefined);
    return next;
  };

  const publishAll = async (topics: Map<string, { key: string; value: string | Buffer }[]>): Promise<void> => {
    // Topics are independent (order matters per key, and a key lives in one topic).
    await Promise.all(
      [...topics].map(([topic, messages]) =>
        retryWithBackoff(() => deps.publisher.publish(topic, messages), {
          what: `publish to ${topic}`,
          signal: giveUp.signal,
          policy: options.backoff,
          sleep: deps.sleep,
          onRetry: (error, attempt, delayMs) => logger.warn('publish failed; retrying', { topic, attempt, retry_in_ms: delayMs, error: String(error) }),
        }),
      ),
    );
  };

  // After a failed publish the taken events are gone from the batch: any later flush would
  // acknowledge past them. So a failure is final for this run; the next run replays from the
  // last acknowledged position.
  let broken: unknown;
  const flush = async (): Promise<void> => {
    if (broken !== undefined) throw broken;
    if (!batch.hasWork()) return;
    const taken = batch.take();
    try {
      await publishAll(taken.byTopic);
    } catch (error) {
      broken = error;
      throw error;
    }
    stats.published += taken.count;
    if (taken.ackLsn !== null) {
      await deps.source.acknowledge(taken.ackLsn);
      batch.acknowledged(taken.ackLsn);
      stats.acknowledgedLsn = taken.ackLsn;
    }
  };

  const shape = (change: RowChange) => {
    if (!shapeOptions) throw new Error('change capture: the source was not opened');
    return shapeChangeEvent(change, { ...shapeOptions, nowMs: now() });
  };

  const onMessage = (message: SourceMessage): Promise<void> =>
    exclusive(async () => {
      if (broken !== undefined) throw broken;
      if (message.kind === 'change') {
        for (const change of splitKeyChange(message.change)) batch.add(shape(change));
        if (batch.size >= maxBatchEvents) await flush();
      } else {
        batch.positionReached(message.lsn);
      }
    });

  const snapshot = async (): Promise<void> => {
    stats.phase = 'snapshot';
    logger.info('snapshot started');
    await deps.source.readSnapshot(async (rows) => {
      if (stopping.signal.aborted) throw new StoppedError('snapshot');
      const topics = new Map<string, { key: string; value: string }[]>();
      for (const row of rows) {
        const event = shape(row);
        let list = topics.get(event.topic);
        if (!list) topics.set(event.topic, (list = []));
        list.push({ key: event.key, value: JSON.stringify(event.value) });
      }
      await publishAll(topics);
      stats.snapshotRows += rows.length;
      stats.published += rows.length;
    });
    // Only now: a crash before this line reads the snapshot again (at-least-once, never partial).
    await deps.source.markSnapshotDone();
    logger.info('snapshot done', { rows: stats.snapshotRows });
  };

  const run = async (): Promise<void> => {
    const opened = await deps.source.open();
    shapeOptions = { topicPrefix: options.topicPrefix, database: opened.database, connector: options.connector ?? 'postgresql' };
    if (opened.snapshotDue) await snapshot();
    if (stopping.signal.aborted) return;
    stats.phase = 'streaming';
    logger.info('streaming changes');
    const flushTimer = setInterval(() => void exclusive(flush).catch((error: unknown) => failStream(error)), maxBatchDelayMs);
    const heartbeatTimer =
      heartbeatIntervalMs > 0
        ? setInterval(() => void deps.source.heartbeat().catch((error: unknown) => logger.warn('heartbeat failed', { error: String(error) })), heartbeatIntervalMs)
        : undefined;
    try {
      await deps.source.stream(onMessage, streamStop.signal);
      if (streamFailure) throw streamFailure;
      // Drain: publish and acknowledge what was read before the stop.
      await exclusive(flush);
    } finally {
      clearInterval(flushTimer);
      if (heartbeatTimer) clearInterval(heartbeatTimer);
    }
  };

  // A failed timer flush must end the stream too (the next flush would publish past the gap).
  const streamStop = new AbortController();
  let streamFailure: unknown;
  const failStream = (error: unknown) => {
    streamFailure ??= error;
    streamStop.abort();
  };
  stopping.signal.addEventListener('abort', () => streamStop.abort(), { once: true });

  const done = run().then(
    () => {
      stats.phase = 'stopped';
      logger.info('change capture stopped', { ...stats.snapshot(formatLsn) });
    },
    (error: unknown) => {
      stats.phase = 'stopped';
      if (error instanceof StoppedError && stopping.signal.aborted) {
        logger.info('change capture stopped during start-up or snapshot', { ...stats.snapshot(formatLsn) });
        return;
      }
      logger.error('change capture failed', { error, ...stats.snapshot(formatLsn) });
      throw error;
    },
  );
  done.catch(() => undefined);

  return {
    stop: async () => {
      stopping.abort();
      const grace = setTimeout(() => giveUp.abort(), options.stopGraceMs ?? 10_000);
      await done.catch(() => undefined);
      clearTimeout(grace);
    },
    done,
    stats: () => stats.snapshot(formatLsn),
  };
}
