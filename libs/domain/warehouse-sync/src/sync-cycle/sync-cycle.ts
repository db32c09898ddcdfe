import { silentLogger } from '@ledgerline/logging';
import { DbtBuildFailedError } from '../dbt/dbt-run-results.ts';
import type { DbtBuildSummary, DbtRunner } from '../dbt/dbt-runner.port.ts';
import { syncOnce, type SyncOnceDeps, type SyncOnceOptions } from '../sync-once/sync-once.ts';
import { changedRows, type TableSyncReport } from '../sync-once/sync-report.ts';

export interface SyncCycleDeps extends SyncOnceDeps {
  /** Absent when dbt is disabled (DBT_ENABLED=false). */
  readonly dbt?: DbtRunner;
  /** Called once the data is loaded, before dbt starts (dbt can take a while): for logging. */
  readonly onTablesSynced?: (reports: readonly TableSyncReport[]) => void;
}

export interface SyncCycleResult {
  readonly tables: TableSyncReport[];
  /** null when dbt did not run: disabled, or the sync changed no rows. */
  readonly dbt: DbtBuildSummary | null;
}

/**
 * One scheduled cycle: sync, then `dbt build` when the sync changed rows. The warehouse is
 * closed before dbt starts, because dbt (another process) opens the same file.
 * Rejects with DbtBuildFailedError naming the failed tests; the loaded data stays loaded.
 */
export async function runSyncCycle(deps: SyncCycleDeps, options: SyncOnceOptions): Promise<SyncCycleResult> {
  const logger = deps.logger ?? silentLogger;
  let tables: TableSyncReport[];
  try {
    tables = await syncOnce(deps, options);
  } finally {
    await deps.warehouse.close();
  }
  deps.onTablesSynced?.(tables);
  if (!deps.dbt || changedRows(tables) === 0) return { tables, dbt: null };
  logger.info('running dbt build', { changedRows: changedRows(tables) });
  const summary = await deps.dbt.build();
  if (summary.failures.length > 0) throw new DbtBuildFailedError(summary);
  return { tables, dbt: summary };
}
