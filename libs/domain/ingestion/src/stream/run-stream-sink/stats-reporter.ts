import type { Logger } from '@ledgerline/logging';
import type { SinkStats } from './sink-stats.ts';

/**
 * Logs one line per interval: throughput since the last line, totals, lag, DLQ count, retries.
 * With `readLag` (the group's lag from the broker's log ends), each line first asks for it; when
 * that fails (broker or database away) the line carries the last batches' estimate and says so.
 * The timer is unref'd so that it never keeps a finished process alive.
 */
export function startStatsReporter(
  stats: SinkStats,
  logger: Logger,
  intervalMs: number,
  now: () => number,
  readLag?: () => Promise<number>,
): { stop(): void } {
  let lastAt = now();
  let lastReceived = stats.snapshot().received;
  let busy = false;
  const report = async () => {
    // A slow lag read must not stack up lines.
    if (busy) return;
    busy = true;
    let lagSource = 'batches';
    try {
      if (readLag) {
        try {
          stats.groupLag(await readLag());
          lagSource = 'broker';
        } catch (error) {
          lagSource = `batches (broker lag unavailable: ${error instanceof Error ? error.message : String(error)})`;
        }
      }
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
        lag_source: lagSource,
      });
      lastAt = at;
      lastReceived = snapshot.received;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void report(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
