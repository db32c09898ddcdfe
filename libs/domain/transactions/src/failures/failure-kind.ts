/**
 * Whether trying the same call again can succeed: the adapter's verdict on a failure, as dlt's
 * destinations give theirs. Adapters translate their driver's errors at the edge (a lost
 * connection, a broker electing a leader, a lock held by another process: transient; bad
 * credentials, an unknown table, a refused row: terminal) and use cases decide by this alone,
 * never by a driver's error codes (architecture §4).
 */
export type FailureKind = 'transient' | 'terminal';

/** The same call may succeed later, unchanged: retry (with back-off) rather than give up. */
export class TransientError extends Error {
  override name = 'TransientError';
  readonly failureKind: FailureKind = 'transient';
}

/** Retrying cannot help until something (data, configuration, schema) changes: report and stop. */
export class TerminalError extends Error {
  override name = 'TerminalError';
  readonly failureKind: FailureKind = 'terminal';
}

const MAX_CAUSE_DEPTH = 8;

/**
 * The classification of an error, looking through `cause` (a use case may wrap an adapter's
 * error to add context): the outermost classified error wins. undefined when nobody classified it.
 */
export function failureKindOf(error: unknown): FailureKind | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    if (current instanceof TransientError || current instanceof TerminalError) return current.failureKind;
    current = current.cause;
  }
  return undefined;
}

/**
 * Whether a caller that must not skip data (the stream sink, the sync schedule, the batch watch)
 * should try again: everything except what an adapter called terminal. An unclassified error is
 * retried, because pausing is safe and skipping is not; the caller's back-off bounds the cost.
 */
export function isRetryable(error: unknown): boolean {
  return failureKindOf(error) !== 'terminal';
}

/** Only what an adapter positively called transient: for callers that give up on anything unknown. */
export function isTransient(error: unknown): boolean {
  return failureKindOf(error) === 'transient';
}
