import { TerminalError, TransientError } from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { backoffDelay, retryWithBackoff, StoppedError, type Sleep } from './retry-with-backoff.ts';

const policy = { initialMs: 100, maxMs: 5_000, jitter: 0 };

/** Records requested delays instead of waiting. */
function recordingSleep(): { sleep: Sleep; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new StoppedError('sleep');
      delays.push(ms);
    },
  };
}

describe('backoffDelay', () => {
  it('doubles from the initial delay and caps at the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffDelay(policy, a))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('takes jitter off the delay, never adding to it', () => {
    expect(backoffDelay({ ...policy, jitter: 0.5 }, 3, () => 1)).toBe(200);
    expect(backoffDelay({ ...policy, jitter: 0.5 }, 3, () => 0)).toBe(400);
  });
});

describe('retryWithBackoff', () => {
  it('retries until the work succeeds, backing off between attempts', async () => {
    const { sleep, delays } = recordingSleep();
    let attempts = 0;
    const result = await retryWithBackoff(
      async () => {
        attempts += 1;
        if (attempts < 4) throw new Error('ECONNREFUSED');
        return 'ok';
      },
      { what: 'test', signal: new AbortController().signal, policy, sleep },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([100, 200, 400]);
  });

  it('rethrows at once what isRetryable rejects', async () => {
    const { sleep, delays } = recordingSleep();
    await expect(
      retryWithBackoff(() => Promise.reject(new TypeError('bug')), {
        what: 'test',
        signal: new AbortController().signal,
        sleep,
        isRetryable: (e) => !(e instanceof TypeError),
      }),
    ).rejects.toThrow(TypeError);
    expect(delays).toEqual([]);
  });

  it('decides by the adapters\' verdict by default: a terminal failure at once, a transient or unclassified one after back-off', async () => {
    const { sleep, delays } = recordingSleep();
    const refused = new TerminalError('password authentication failed');
    await expect(retryWithBackoff(() => Promise.reject(refused), { what: 'test', signal: new AbortController().signal, policy, sleep })).rejects.toBe(refused);
    expect(delays).toEqual([]);
    const failures = [new TransientError('connection lost'), new Error('unclassified')];
    const result = await retryWithBackoff(
      async () => {
        const next = failures.shift();
        if (next) throw next;
        return 'ok';
      },
      { what: 'test', signal: new AbortController().signal, policy, sleep },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([100, 200]);
  });

  it('gives up with StoppedError when the signal fires while waiting', async () => {
    const stop = new AbortController();
    let attempts = 0;
    const pending = retryWithBackoff(
      async () => {
        attempts += 1;
        throw new Error('down');
      },
      { what: 'store commit', signal: stop.signal, policy: { initialMs: 60_000, maxMs: 60_000, jitter: 0 } },
    );
    setTimeout(() => stop.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(StoppedError);
    expect(attempts).toBe(1);
  });
});
