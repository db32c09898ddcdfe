import { isRetryable } from '@ledgerline/transactions';

/** Exponential back-off: initialMs, doubled per failure, capped at maxMs, with jitter. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Fraction of each delay that is random (0..1), so restarted clients do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 5_000, jitter: 0.2 };

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** Thrown when a wait is cut short because the caller is stopping. */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
  constructor(what: string) {
    super(`${what}: stopped before it could complete`);
  }
}

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(new StoppedError('sleep'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new StoppedError('sleep'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  const jitter = exponential * policy.jitter * random();
  return Math.round(exponential - jitter);
}

export interface RetryOptions {
  /** What is being retried, for log lines and errors. */
  what: string;
  signal: AbortSignal;
  policy?: BackoffPolicy;
  /**
   * Errors for which retrying cannot help are rethrown at once. Default: the adapters' verdict
   * (`isRetryable` of @ledgerline/transactions: all but a TerminalError, such as a refused row).
   */
  isRetryable?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  sleep?: Sleep;
}

/**
 * Runs `work` until it succeeds, waiting longer after each failure. There is deliberately no
 * attempt limit: the stream must pause while a dependency is down, not skip data. Only stopping
 * (the signal) or a non-retryable error ends the loop.
 */
export async function retryWithBackoff<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt += 1) {
    if (options.signal.aborted) throw new StoppedError(options.what);
    try {
      return await work();
    } catch (error) {
      if (!(options.isRetryable ?? isRetryable)(error)) throw error;
      if (options.signal.aborted) throw new StoppedError(options.what);
      const delayMs = backoffDelay(policy, attempt);
      await options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}
