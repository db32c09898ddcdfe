import type { Logger } from '@ledgerline/logging';
import type { Transaction } from '@ledgerline/transactions';
import type { EventPublisher, OutgoingEvent } from '../event-publisher.port.ts';
import { abortableSleep, retryWithBackoff, StoppedError, type BackoffPolicy, type Sleep } from '../retry-with-backoff.ts';
import { withStopGrace } from '../stop-grace.ts';
import { encodeTransactionEvent } from '../transaction-event.ts';
import { POISON_KINDS, PoisonInjector, poisonEvent, type PoisonKind } from './poison-events.ts';
import { TokenBucket } from './token-bucket.ts';

export interface ProducerDeps {
  publisher: EventPublisher;
  logger: Logger;
}

export interface ProducerOptions {
  topic: string;
  /** Where transactions come from, e.g. `generateTransactionStream(...)` (endless). */
  source: Iterable<Transaction>;
  /** Events per second; undefined or 0 = as fast as the bus accepts. */
  ratePerSecond?: number;
  /** Stop after this many events. */
  count?: number;
  /** Stop after this long. Without count and duration the producer runs until the signal. */
  durationMs?: number;
  /** Fraction (0..1) of events replaced by deliberately broken ones. */
  poisonRate?: number;
  poisonSeed?: number;
  /** Largest number of events per publish call. */
  maxChunkSize?: number;
  /** How often progress is logged; 0 disables it. Default 1 s. */
  progressIntervalMs?: number;
  /** Stopping: the chunk in flight is finished and flushed, nothing new is started. */
  signal?: AbortSignal;
  /**
   * After a stop, how long to wait for the chunk in flight and the flush. A broker that is down
   * would otherwise hold the stop forever (publishes wait for it). Default 10 s.
   */
  stopGraceMs?: number;
  backoff?: BackoffPolicy;
  now?: () => number;
  sleep?: Sleep;
}

export interface ProducerReport {
  /** Events acknowledged by the bus (valid + poison). */
  sent: number;
  valid: number;
  poison: Record<PoisonKind, number>;
  /** Failed publish attempts (each retried until it succeeded or the producer stopped). */
  errors: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

const MAX_SPEED_CHUNK = 1_000;

/** Chunks small enough that a rate-limited stream is smooth (about 20 publishes a second). */
function chunkSizeFor(options: ProducerOptions): number {
  const max = options.maxChunkSize ?? MAX_SPEED_CHUNK;
  if (!options.ratePerSecond) return max;
  return Math.max(1, Math.min(max, Math.floor(options.ratePerSecond / 20)));
}

/**
 * The producer use case: transactions -> JSON events keyed by account_id (so each account's
 * events stay in order on one partition), rate-controlled by a token bucket, bounded by a count
 * and/or a duration, with progress every second. Failed publishes are retried with back-off, so
 * a broker outage pauses the stream instead of dropping events.
 */
export async function runProducer(deps: ProducerDeps, options: ProducerOptions): Promise<ProducerReport> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const logger = deps.logger.child('producer', { topic: options.topic });
  const signal = options.signal ?? new AbortController().signal;
  const startedAt = now();
  const deadline = options.durationMs !== undefined ? startedAt + options.durationMs : Number.POSITIVE_INFINITY;
  const chunkSize = chunkSizeFor(options);
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  const bucket = options.ratePerSecond ? new TokenBucket(options.ratePerSecond, chunkSize, startedAt) : undefined;
  const injector = new PoisonInjector(options.poisonRate ?? 0, options.poisonSeed ?? 1);
  const source = options.source[Symbol.iterator]();
  const poison = Object.fromEntries(POISON_KINDS.map((k) => [k, 0])) as Record<PoisonKind, number>;
  let valid = 0;
  let errors = 0;
  let exhausted = false;
  const sent = () => valid + POISON_KINDS.reduce((sum, k) => sum + poison[k], 0);

  // Sleeps end at the deadline or when stopping, whichever comes first.
  const stopAtDeadline = new AbortController();
  const onStop = () => stopAtDeadline.abort();
  signal.addEventListener('abort', onStop, { once: true });

  const progress = startProgress(logger, options.progressIntervalMs ?? 1_000, now, sent, () => errors);

  // produced_at per event, formatted once per millisecond (thousands of events share one).
  let stampedAt = Number.NaN;
  let stamp = '';
  const nextChunk = (size: number): { messages: OutgoingEvent[]; kinds: Array<PoisonKind | undefined> } => {
    const messages: OutgoingEvent[] = [];
    const kinds: Array<PoisonKind | undefined> = [];
    while (messages.length < size) {
      const item = source.next();
      if (item.done) {
        exhausted = true;
        break;
      }
      const at = now();
      if (at !== stampedAt) {
        stampedAt = at;
        stamp = new Date(at).toISOString();
      }
      const kind = injector.pick();
      messages.push(kind ? poisonEvent(kind, item.value, new Date(at)) : { key: item.value.account_id, value: encodeTransactionEvent(item.value, stamp) });
      kinds.push(kind);
    }
    return { messages, kinds };
  };

  // One publish in flight while the next chunk is generated and encoded: the CPU work overlaps the
  // broker round trip. Never two publishes at once, so the bus sees chunks strictly in order.
  let inFlight: { outcome: Promise<'done' | 'abandoned'>; kinds: Array<PoisonKind | undefined> } | undefined;
  const publishChunk = (messages: OutgoingEvent[], kinds: Array<PoisonKind | undefined>): void => {
    const publishing = retryWithBackoff(() => deps.publisher.publish(options.topic, messages), {
      what: 'publish',
      signal,
      policy: options.backoff,
      sleep,
      onRetry: (error, attempt, delayMs) => {
        errors += 1;
        logger.warn('publish failed; retrying', { attempt, retry_in_ms: delayMs, error: error instanceof Error ? error.message : String(error) });
      },
    });
    const outcome = withStopGrace(publishing, signal, stopGraceMs);
    // Observed now, awaited in settle(): a failure while the next chunk is built is not "unhandled".
    outcome.catch(() => undefined);
    inFlight = { outcome, kinds };
  };
  /** Waits for the publish in flight and counts it; false when the producer must stop. */
  const settle = async (): Promise<boolean> => {
    const pending = inFlight;
    inFlight = undefined;
    if (!pending) return true;
    let outcome: 'done' | 'abandoned';
    try {
      outcome = await pending.outcome;
    } catch (error) {
      if (error instanceof StoppedError) return false;
      throw error;
    }
    if (outcome === 'abandoned') {
      logger.warn('stopped while a publish was still waiting for the broker; its events are not counted', { events: pending.kinds.length });
      return false;
    }
    for (const kind of pending.kinds) {
      if (kind) poison[kind] += 1;
      else valid += 1;
    }
    return true;
  };

  try {
    let stopped = false;
    while (!signal.aborted && !exhausted) {
      const remaining = options.count !== undefined ? options.count - sent() - (inFlight?.kinds.length ?? 0) : Number.POSITIVE_INFINITY;
      if (remaining <= 0 || now() >= deadline) break;
      const size = Math.min(chunkSize, remaining);
      if (bucket && !bucket.tryTake(size, now())) {
        const wait = Math.min(bucket.delayFor(size, now()), Math.max(1, deadline - now()));
        try {
          await sleep(wait, stopAtDeadline.signal);
        } catch (error) {
          if (error instanceof StoppedError) break;
          throw error;
        }
        continue;
      }
      const { messages, kinds } = nextChunk(size);
      if (messages.length === 0) break;
      if (!(await settle())) {
        stopped = true;
        break;
      }
      // Stopped while the previous chunk was acknowledged: this one is dropped, never sent.
      if (signal.aborted) break;
      publishChunk(messages, kinds);
      // Let the bus write the request out before the next chunk's CPU work starts.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!stopped) await settle();
    if ((await withStopGrace(deps.publisher.flush(), signal, stopGraceMs)) === 'abandoned') {
      logger.warn('stopped before every publish was acknowledged');
    }
  } finally {
    signal.removeEventListener('abort', onStop);
    progress.stop();
  }

  const elapsedMs = Math.max(1, now() - startedAt);
  const report: ProducerReport = {
    sent: sent(),
    valid,
    poison,
    errors,
    elapsedMs,
    eventsPerSecond: Math.round((sent() * 1000) / elapsedMs),
  };
  logger.info('producer finished', { ...report });
  return report;
}

function startProgress(logger: Logger, intervalMs: number, now: () => number, sent: () => number, errors: () => number): { stop(): void } {
  if (intervalMs <= 0) return { stop: () => undefined };
  let lastAt = now();
  let lastSent = sent();
  const timer = setInterval(() => {
    const at = now();
    const total = sent();
    logger.info('producer progress', {
      sent: total,
      events_per_s: Math.round(((total - lastSent) * 1000) / Math.max(1, at - lastAt)),
      errors: errors(),
    });
    lastAt = at;
    lastSent = total;
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
