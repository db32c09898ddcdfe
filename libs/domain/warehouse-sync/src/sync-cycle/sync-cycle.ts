import { silentLogger, type Logger } from '@ledgerline/logging';
import { DbtBuildFailedError } from '../dbt/dbt-run-results.ts';
import type { DbtBuildSummary, DbtRunner } from '../dbt/dbt-runner.port.ts';
import type { DerivedTables } from '../derived-tables/derived-tables.port.ts';
import { describeError } from '../sync-once/sync-errors.ts';
import { syncOnce, type SyncOnceDeps, type SyncOnceOptions } from '../sync-once/sync-once.ts';
import { changedRows, type TableSyncReport } from '../sync-once/sync-report.ts';

export interface SyncCycleDeps extends SyncOnceDeps {
  /** Absent when dbt is disabled (DBT_ENABLED=false). */
  readonly dbt?: DbtRunner;
  /** Refreshed after every load (absent for warehouses without derived tables, e.g. Snowflake). */
  readonly derivedTables?: DerivedTables;
  /** Called once the data is loaded, before dbt starts (dbt can take a while): for logging. */
  readonly onTablesSynced?: (reports: readonly TableSyncReport[]) => void;
}

export interface SyncCycleResult {
  readonly tables: TableSyncReport[];
  /** null when dbt did not run: disabled, or the sync changed no rows. */
  readonly dbt: DbtBuildSummary | null;
  /** The derived tables' refresh summary; null when there are none or their refresh failed. */
  readonly derived: string | null;
}

/**
 * One scheduled cycle: sync, refresh the derived tables, then `dbt build` when the sync changed
 * rows. The warehouse is closed before dbt starts, because dbt (another process) opens the same file.
 * Rejects with DbtBuildFailedError naming the failed tests; the loaded data stays loaded.
 * A failed refresh of the derived tables is logged, not thrown: their readers detect that they
 * lag RAW and read the marts or RAW instead (correct, only slower), and the next cycle retries.
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
  const derived = deps.derivedTables ? await refreshDerived(deps.derivedTables, logger) : null;
  if (!deps.dbt || changedRows(tables) === 0) return { tables, dbt: null, derived };
  logger.info('running dbt build', { changedRows: changedRows(tables) });
  const summary = await deps.dbt.build();
  if (summary.failures.length > 0) throw new DbtBuildFailedError(summary);
  return { tables, dbt: summary, derived };
}

async function refreshDerived(derivedTables: DerivedTables, logger: Logger): Promise<string | null> {
  try {
    const summary = await derivedTables.refresh();
    logger.info('derived tables refreshed', { summary });
    return summary;
  } catch (error) {
    logger.warn('derived tables not refreshed; their readers fall back to the marts or RAW until the next cycle', {
      reason: describeError(error),
    });
    return null;
  }
}
