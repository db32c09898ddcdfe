import { describe, expect, it } from 'vitest';
import { createLogger } from '@ledgerline/logging';
import type { TransactionStore } from '@ledgerline/ingestion';
import { useStreamScenarios } from './fault-testing/stream-scenario-fixture.ts';
import { waitFor } from './fault-testing/wait-for.ts';

// What operators see, on the real broker (issue #22): the lag in the stats line is the broker's
// log ends minus the stored positions (it read 1,792 while ~100k events were unread).
const SLOW_TEST_MS = 120_000;
const MAX_BATCH = 100;

interface Line {
  message: string;
  lag?: number;
  lag_source?: string;
}

describe('stream sink operations', () => {
  const { scenario } = useStreamScenarios(3);

  it('reports lag from the broker within one batch of the truth while it works through a backlog', async () => {
    const s = await scenario('lag');
    await s.produce({ count: 3_000 });
    const lines: Line[] = [];
    const logger = createLogger({ level: 'info', format: 'json', write: (line) => lines.push(JSON.parse(line) as Line) });
    // Slow commits: the backlog lasts long enough for several stats lines.
    const slow = (store: TransactionStore): TransactionStore =>
      new Proxy(store, {
        get: (target, property, receiver) => {
          if (property === 'withTransaction') {
            return async (work: Parameters<TransactionStore['withTransaction']>[0]) => {
              await new Promise((resolve) => setTimeout(resolve, 150));
              return target.withTransaction(work);
            };
          }
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
    const truth = async () => {
      const [ends, stored] = await Promise.all([s.bus.admin.endOffsets(s.topic), s.store.loadOffsets(s.groupId, s.topic)]);
      return ends.reduce((sum, end) => sum + Number(end.offset) - Number(stored.find((p) => p.partition === end.partition)?.offset ?? 0), 0);
    };
    const stats = () => lines.filter((l) => l.message === 'stream sink stats' && l.lag_source === 'broker');
    const checked: string[] = [];
    const firstReported: number[] = [];
    const running = await s.startSink({ maxBatchSize: MAX_BATCH, logger, statsIntervalMs: 250, wrapStore: slow });
    let seen = 0;
    await waitFor(
      async () => {
        const fresh = stats().slice(seen);
        seen += fresh.length;
        for (const line of fresh) {
          // The truth only shrinks after the line was written: at most the batch in flight since.
          const now = await truth();
          checked.push(`reported ${line.lag}, truth ${now}`);
          firstReported.push(line.lag ?? 0);
          if (now > 0) expect(line.lag ?? -1, checked.join('; ')).toBeGreaterThanOrEqual(now);
          expect((line.lag ?? 0) - now, checked.join('; ')).toBeLessThanOrEqual(2 * MAX_BATCH);
        }
        return checked.length >= 4;
      },
      { timeoutMs: 60_000, intervalMs: 20, describe: () => `stats lines: ${checked.join('; ')}` },
    );
    // The first lines came while most of the 3,000 were unread (the batch estimate saw one partition).
    expect(firstReported[0], checked.join('; ')).toBeGreaterThan(1_500);
    await s.waitUntilDrained();
    await waitFor(() => stats().at(-1)?.lag === 0, { timeoutMs: 10_000, describe: () => JSON.stringify(stats().at(-1)) });
    expect(running.sink.stats().lag).toBe(0);
  }, SLOW_TEST_MS);
});
