import type { SnowflakeFailureKind } from './errors.ts';

export interface RetryPolicy {
  /** Total tries, the first included (1 = no retry). */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryEvent {
  readonly error: unknown;
  readonly kind: Exclude<SnowflakeFailureKind, 'fail'>;
  /** The attempt that just failed (1-based). */
  readonly attempt: number;
  readonly delayMs: number;
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly classify: (error: unknown) => SnowflakeFailureKind;
  /** Before sleeping: log, and reconnect for `reconnect`. */
  readonly onRetry?: (event: RetryEvent) => Promise<void> | void;
  /** The error to throw when the last attempt failed transiently. */
  readonly giveUp: (error: unknown, attempts: number) => Error;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * min(maxDelayMs, initialDelayMs * 2^(n-1)), so several syncs hitting the same lock spread out.
 */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failedAttempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` (a whole unit: e.g. one batch transaction from BEGIN to COMMIT) until it succeeds,
 * fails for a reason that retrying cannot fix (rethrown unchanged), or runs out of attempts
 * (`giveUp`). Never retries a single statement inside an open transaction: `work` must roll back
 * on failure, so every attempt starts from scratch.
 */
export async function retryTransient<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      const kind = options.classify(error);
      if (kind === 'fail') throw error;
      if (attempt >= options.policy.attempts) throw options.giveUp(error, attempt);
      const delayMs = backoffDelayMs(options.policy, attempt, options.random);
      await options.onRetry?.({ error, kind, attempt, delayMs });
      await sleep(delayMs);
    }
  }
}
