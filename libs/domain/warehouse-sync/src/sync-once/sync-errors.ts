import { TerminalError, TransientError } from '@ledgerline/transactions';
import type { TableSyncReport } from './sync-report.ts';

/** The warehouse cannot be used right now (unreachable, unwritable, locked). Nothing was applied. */
export class WarehouseUnavailableError extends TransientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WarehouseUnavailableError';
  }
}

/** Another sync holds the warehouse lock; this one refused to start. */
export class WarehouseLockedError extends WarehouseUnavailableError {
  constructor(
    readonly lockName: string,
    readonly holder: string,
  ) {
    super(`warehouse lock "${lockName}" is held by ${holder}; another sync is running`);
    this.name = 'WarehouseLockedError';
  }
}

/**
 * The stored horizon is not where this batch expected it: someone else moved it, or the
 * operational database was replaced (the horizon went backwards). Needs a full refresh.
 */
export class WatermarkConflictError extends TerminalError {
  constructor(
    readonly table: string,
    message: string,
  ) {
    super(`${table}: ${message}`);
    this.name = 'WatermarkConflictError';
  }
}

export interface TableFailure {
  readonly table: string;
  readonly reason: string;
  readonly error: unknown;
}

/** One or more tables failed; their watermarks are where the last committed batch left them. */
export class SyncFailedError extends Error {
  constructor(
    readonly failures: readonly TableFailure[],
    readonly completed: readonly TableSyncReport[],
  ) {
    super(`sync failed: ${failures.map((f) => `${f.table}: ${f.reason}`).join('; ')}`);
    this.name = 'SyncFailedError';
  }
}

/** A readable one-line reason for logs and exit messages. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(describeError).join('; ');
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${cause}`;
  }
  return String(error);
}
