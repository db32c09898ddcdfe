import { InMemoryMarketRawStore, sampleBar } from '@ledgerline/market-data/testing';
import { silentLogger } from '@ledgerline/logging';
import { describe, expect, it } from 'vitest';
import { lockedMarketStore } from './locked-market-store.ts';
import { QuiesceGate } from './quiesce-gate.ts';

const origin = { source: 'binance', recordSource: 'synthetic:binance', loadedAt: '2026-01-02T00:00:00.000Z' };

function recordingStore() {
  const inner = new InMemoryMarketRawStore();
  const log: string[] = [];
  let busy = 0;
  const store = Object.assign(Object.create(inner) as InMemoryMarketRawStore, {
    upsertBars: async (...args: Parameters<InMemoryMarketRawStore['upsertBars']>) => {
      if (busy-- > 0) throw new Error('IO Error: Could not set lock on file "warehouse.duckdb": Conflicting lock is held');
      log.push('write');
      return inner.upsertBars(...args);
    },
    close: async () => void log.push('close'),
  });
  return { store, inner, log, busyFor: (n: number) => (busy = n) };
}

describe('lockedMarketStore', () => {
  it('writes only while nobody else holds the warehouse lock, and lets go of the file before releasing it', async () => {
    const { store, log } = recordingStore();
    const lock = new QuiesceGate();
    const locked = lockedMarketStore(store, lock, { signal: new AbortController().signal, logger: silentLogger });
    const releaseSync = await lock.acquire(); // a sync cycle (dbt) is running
    const write = locked.upsertBars([sampleBar()], origin);
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual([]);
    releaseSync();
    await write;
    expect(log).toEqual(['write', 'close']);
    // The next holder of the lock (dbt) starts only after the close.
    await lock.run(async () => log.push('dbt'));
    expect(log).toEqual(['write', 'close', 'dbt']);
  });

  it('retries while another process has the file open, and passes any other error on', async () => {
    const { store, inner, busyFor } = recordingStore();
    const locked = lockedMarketStore(store, new QuiesceGate(), { signal: new AbortController().signal, logger: silentLogger });
    busyFor(2);
    expect(await locked.upsertBars([sampleBar()], origin)).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(inner.bars.size).toBe(1);
    const failing = lockedMarketStore(Object.assign(store, { upsertBars: async () => Promise.reject(new Error('does not fit DECIMAL(38,18)')) }), new QuiesceGate(), { signal: new AbortController().signal, logger: silentLogger });
    await expect(failing.upsertBars([sampleBar()], origin)).rejects.toThrow(/DECIMAL/);
  });
});
