import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryTransient } from './retry.ts';

const policy = { attempts: 3, initialDelayMs: 1_000, maxDelayMs: 5_000 };

describe('backoffDelayMs', () => {
  it('doubles per failed attempt up to the cap, with jitter between half and all of it', () => {
    const wide = { ...policy, attempts: 6 };
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(wide, n, () => 1))).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(wide, n, () => 0))).toEqual([500, 1_000, 2_000, 2_500]);
  });
});

describe('retryTransient', () => {
  const transient = new Error('transient');
  const classify = (error: unknown) => (error === transient ? ('retry' as const) : ('fail' as const));

  it('runs the unit again after a transient failure, reporting each retry', async () => {
    const events: number[] = [];
    let calls = 0;
    const result = await retryTransient(
      async (attempt) => {
        calls += 1;
        if (attempt < 3) throw transient;
        return 'done';
      },
      { policy, classify, giveUp: () => new Error('gave up'), sleep: async () => undefined, onRetry: (e) => void events.push(e.attempt) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(events).toEqual([1, 2]);
  });

  it('rethrows a non-transient error unchanged, at once', async () => {
    const fatal = new Error('fatal');
    let calls = 0;
    const error = await retryTransient(
      async () => {
        calls += 1;
        throw fatal;
      },
      { policy, classify, giveUp: () => new Error('gave up'), sleep: async () => undefined },
    ).catch((e: unknown) => e);
    expect(error).toBe(fatal);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the error giveUp builds', async () => {
    const error = await retryTransient(() => Promise.reject(transient), {
      policy,
      classify,
      giveUp: (cause, attempts) => new Error(`gave up after ${attempts}`, { cause }),
      sleep: async () => undefined,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('gave up after 3');
    expect((error as Error).cause).toBe(transient);
  });
});
