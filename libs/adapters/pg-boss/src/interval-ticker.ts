import type { PgBoss } from 'pg-boss';

/**
 * Queues a run of an `everySeconds` flow each interval — cron cannot say "every 4 seconds". Two
 * guards keep several workers (each with its own ticker) from piling runs up:
 * - `singletonSeconds`: pg-boss creates at most one job per flow per interval slot (its unique
 *   index on the slot), whichever worker's tick comes first;
 * - no new run while one is already waiting: a run that outlasts the interval delays the next
 *   one (which waits behind it, the queue's singleton policy) instead of queueing one per tick.
 */
export function startIntervalTicker(boss: PgBoss, flow: string, everySeconds: number, onError: (error: unknown) => void): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const waiting = await boss.findJobs(flow, { queued: true, limit: 1 });
      if (waiting.length === 0) await boss.send(flow, {}, { singletonSeconds: everySeconds });
    } catch (error) {
      onError(error);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
