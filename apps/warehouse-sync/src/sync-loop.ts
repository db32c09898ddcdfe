import type { Logger } from '@ledgerline/logging';
import { isRetryable } from '@ledgerline/transactions';
import {
  DbtBuildFailedError,
  describeError,
  SyncFailedError,
  WarehouseLockedError,
  type SyncCycleResult,
  type TableSyncReport,
} from '@ledgerline/warehouse-sync';

export interface SyncLoopOptions {
  readonly once: boolean;
  readonly intervalMs: number;
  /** Aborted on SIGINT/SIGTERM: the running cycle finishes (its batches are atomic), then the loop ends. */
  readonly signal: AbortSignal;
  /** One cycle; `first` is true for the first one (a --full-refresh applies only there). */
  readonly runCycle: (first: boolean) => Promise<SyncCycleResult>;
  readonly logger: Logger;
}

/**
 * Runs sync cycles once or on a fixed interval and returns the process exit code. With --once
 * a failure exits 1. On a schedule a failure is logged and retried at the next tick, except a
 * lock refusal on the very first cycle (another sync is running on this warehouse, so refuse)
 * and a terminal failure (isRetryable: bad SQL, a watermark conflict, a refused login), which
 * every further tick would only repeat.
 */
export async function runSyncLoop(options: SyncLoopOptions): Promise<number> {
  const { logger, signal } = options;
  for (let cycle = 1; ; cycle += 1) {
    try {
      const result = await options.runCycle(cycle === 1);
      logCycle(logger, result);
      if (options.once) return 0;
    } catch (error) {
      logFailure(logger, error);
      if (options.once) return 1;
      if (cycle === 1 && error instanceof WarehouseLockedError) return 1;
      if (!retriesCanHelp(error)) {
        logger.error('the failure is terminal (the adapters say retrying cannot help): stopping the schedule');
        return 1;
      }
    }
    if (signal.aborted || !(await sleep(options.intervalMs, signal))) {
      logger.info('stopping: signal received');
      return 0;
    }
  }
}

/** A failed cycle is worth the next tick unless an adapter called a failure terminal. */
function retriesCanHelp(error: unknown): boolean {
  if (error instanceof SyncFailedError) return error.failures.every((f) => isRetryable(f.error));
  return isRetryable(error);
}

export function logTableReport(logger: Logger, report: TableSyncReport): void {
  logger.info('table synced', {
    table: report.table,
    rowsRead: report.rowsRead,
    merged: report.upserted,
    deleted: report.deleted,
    watermarkBefore: report.watermarkBefore,
    watermarkAfter: report.watermarkAfter,
    pages: report.pages,
    ...(report.fullRefresh ? { fullRefresh: true } : {}),
    durationMs: report.durationMs,
  });
}

// Table reports are logged by the cycle itself as soon as the data is loaded (onTablesSynced).
function logCycle(logger: Logger, result: SyncCycleResult): void {
  if (result.dbt) {
    logger.info('dbt build passed', {
      modelsBuilt: result.dbt.modelsBuilt,
      testsPassed: result.dbt.testsPassed,
      testsFailed: result.dbt.testsFailed,
      testsWarned: result.dbt.testsWarned,
    });
  }
}

function logFailure(logger: Logger, error: unknown): void {
  if (error instanceof SyncFailedError) {
    for (const report of error.completed) logTableReport(logger, report);
    for (const failure of error.failures) logger.error('table sync FAILED', { table: failure.table, reason: failure.reason });
    return;
  }
  if (error instanceof DbtBuildFailedError) {
    for (const failure of error.summary.failures) {
      logger.error('dbt build FAILED', { node: failure.uniqueId, status: failure.status, detail: failure.message });
    }
    return;
  }
  logger.error('sync FAILED', { reason: describeError(error) });
}

/** Resolves true after ms, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
