import type { Logger } from '@ledgerline/logging';
import type { SinkStats } from './sink-stats.ts';

/**
 * Logs one line per interval: throughput since the last line, totals, lag, DLQ count, retries.
 * The timer is unref'd so that it never keeps a finished process alive.
 */
export function startStatsReporter(stats: SinkStats, logger: Logger, intervalMs: number, now: () => number): { stop(): void } {
  let lastAt = now();
  let lastReceived = stats.snapshot().received;
  const timer = setInterval(() => {
    const at = now();
    const snapshot = stats.snapshot();
    const seconds = Math.max(0.001, (at - lastAt) / 1000);
    logger.info('stream sink stats', {
      events_per_s: Math.round((snapshot.received - lastReceived) / seconds),
      received: snapshot.received,
      stored: snapshot.stored,
      dlq: snapshot.deadLettered,
      batches: snapshot.batches,
      retries: snapshot.retries,
      bisections: snapshot.bisections,
      lag: snapshot.lag,
    });
    lastAt = at;
    lastReceived = snapshot.received;
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
