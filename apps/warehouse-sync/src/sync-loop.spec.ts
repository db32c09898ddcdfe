import { assert, describe, expect, it } from 'vitest';
import { createLogger } from '@ledgerline/logging';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { SyncFailedError, WarehouseLockedError, type SyncCycleResult } from '@ledgerline/warehouse-sync';
import { logTableReport, runSyncLoop } from './sync-loop.ts';

const ok: SyncCycleResult = {
  tables: [{ table: 'transactions', rowsRead: 3, upserted: 2, deleted: 1, watermarkBefore: 5n, watermarkAfter: 9n, pages: 1, fullRefresh: false, durationMs: 4 }],
  dbt: null,
  derived: null,
};

function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ format: 'json', level: 'debug', write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  return { logger, lines };
}

describe('runSyncLoop', () => {
  it('--once: exits 0, or exits 1 logging the failed table and reason', async () => {
    const { logger, lines } = recordingLogger();
    const signal = new AbortController().signal;
    expect(await runSyncLoop({ once: true, intervalMs: 1, signal, logger, runCycle: async () => ok })).toBe(0);
    logTableReport(logger, ok.tables[0] ?? assert.fail());
    expect(lines.find((l) => l.message === 'table synced')).toMatchObject({ table: 'transactions', merged: 2, deleted: 1, watermarkBefore: '5', watermarkAfter: '9' });

    const failing = async (): Promise<SyncCycleResult> => {
      throw new SyncFailedError([{ table: 'accounts', reason: 'disk full', error: new Error('disk full') }], []);
    };
    expect(await runSyncLoop({ once: true, intervalMs: 1, signal, logger, runCycle: failing })).toBe(1);
    expect(lines.find((l) => l.message === 'table sync FAILED')).toMatchObject({ table: 'accounts', reason: 'disk full' });
  });

  it('on a schedule: retries after failures, applies full refresh only first, and stops on the signal', async () => {
    const { logger } = recordingLogger();
    const controller = new AbortController();
    const firsts: boolean[] = [];
    const code = await runSyncLoop({
      once: false,
      intervalMs: 1,
      signal: controller.signal,
      logger,
      runCycle: async (first) => {
        firsts.push(first);
        if (firsts.length === 2) throw new Error('transient');
        if (firsts.length === 4) controller.abort();
        return ok;
      },
    });
    expect(code).toBe(0);
    expect(firsts).toEqual([true, false, false, false]);
  });

  it('on a schedule: stops with 1 at a terminal failure instead of repeating it every tick, but keeps retrying a transient one', async () => {
    const { logger, lines } = recordingLogger();
    const controller = new AbortController();
    const stopLater = setTimeout(() => controller.abort(), 300);
    let cycles = 0;
    const conflict = new SyncFailedError([{ table: 'transactions', reason: 'watermark conflict', error: new TerminalError('horizon went backwards') }], []);
    const code = await runSyncLoop({
      once: false,
      intervalMs: 1,
      signal: controller.signal,
      logger,
      runCycle: async () => {
        cycles += 1;
        throw conflict;
      },
    });
    clearTimeout(stopLater);
    expect({ code, cycles }).toEqual({ code: 1, cycles: 1 });
    expect(lines.some((l) => String(l.message).includes('terminal'))).toBe(true);

    const again = new AbortController();
    let transientCycles = 0;
    const retried = await runSyncLoop({
      once: false,
      intervalMs: 1,
      signal: again.signal,
      logger,
      runCycle: async () => {
        transientCycles += 1;
        if (transientCycles < 3) throw new TransientError('connection lost');
        again.abort();
        return ok;
      },
    });
    expect({ retried, transientCycles }).toEqual({ retried: 0, transientCycles: 3 });
  });

  it('refuses to keep running when another sync holds the lock at startup', async () => {
    const { logger } = recordingLogger();
    let cycles = 0;
    const code = await runSyncLoop({
      once: false,
      intervalMs: 1,
      signal: new AbortController().signal,
      logger,
      runCycle: async () => {
        cycles += 1;
        throw new WarehouseLockedError('warehouse-sync', 'process 1');
      },
    });
    expect(code).toBe(1);
    expect(cycles).toBe(1);
  });
});
