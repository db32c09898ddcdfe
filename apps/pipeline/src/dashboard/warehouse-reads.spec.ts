import { AnalyticsUnavailableError, type AnalyticsStore } from '@ledgerline/analytics';
import { describe, expect, it } from 'vitest';
import { QuiesceGate } from '../stages/quiesce-gate.ts';
import { warehouseReads } from './warehouse-reads.ts';

/** A store that logs its calls and closes (the DuckDB file opened and let go). */
function loggingStore(log: string[]): AnalyticsStore {
  return {
    stats: async () => {
      log.push('read');
      return { transactions: { count: 1 } };
    },
    close: async () => {
      log.push('close');
    },
  } as unknown as AnalyticsStore;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('warehouseReads (the dashboard inside the main job)', () => {
  it('waits for a running sync cycle, and lets go of the file before the next cycle takes the lock', async () => {
    const log: string[] = [];
    const lock = new QuiesceGate();
    const reads = warehouseReads(loggingStore(log), lock, { lingerMs: 20 });
    const cycle = lock.run(async () => {
      await sleep(50);
      log.push('sync+dbt');
    });
    await reads.stats();
    await cycle;
    await lock.run(async () => log.push('next cycle'));
    expect(log).toEqual(['sync+dbt', 'read', 'close', 'next cycle']);
  });

  it('shares one hold of the lock (one opening of the file) among reads arriving together', async () => {
    const log: string[] = [];
    const lock = new QuiesceGate();
    const reads = warehouseReads(loggingStore(log), lock, { lingerMs: 20 });
    await Promise.all([reads.stats(), reads.stats(), reads.stats()]);
    await sleep(5);
    await reads.stats();
    await lock.run(async () => log.push('cycle'));
    expect(log).toEqual(['read', 'read', 'read', 'read', 'close', 'cycle']);
  });

  it('answers busy after waitMs without keeping the lock from the cycles', async () => {
    const log: string[] = [];
    const lock = new QuiesceGate();
    const reads = warehouseReads(loggingStore(log), lock, { lingerMs: 10, waitMs: 30 });
    const long = lock.run(() => sleep(120));
    await expect(reads.stats()).rejects.toBeInstanceOf(AnalyticsUnavailableError);
    await long;
    await lock.run(async () => log.push('cycle'));
    expect(await reads.stats()).toEqual({ transactions: { count: 1 } });
    expect(log).toEqual(['cycle', 'read']);
  });
});
