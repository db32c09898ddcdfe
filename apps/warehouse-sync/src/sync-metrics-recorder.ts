import type { FlowMetrics, SyncMetrics } from '@ledgerline/metrics';
import { DbtBuildFailedError, SyncFailedError, type SyncCycleResult, type TableSyncReport } from '@ledgerline/warehouse-sync';

/** The flow name the scheduled sync reports its runs under (as the main job's `warehouse-sync` job). */
export const SYNC_JOB_NAME = 'warehouse-sync';

export interface SyncCycleRecorder {
  /** Rows the loaded tables moved (from `onTablesSynced`: counted as soon as they are in the warehouse). */
  tablesSynced(reports: readonly TableSyncReport[]): void;
  /** Runs one cycle and records its outcome; the cycle's result or error passes through unchanged. */
  observe(cycle: () => Promise<SyncCycleResult>): Promise<SyncCycleResult>;
}

/**
 * Records the scheduled sync in the shared metric families. A cycle whose data loaded but whose
 * dbt build failed is a successful sync (the staleness alert stays quiet) and a failed dbt run and
 * job run (the flow-failed alert fires); a cycle whose tables failed moves the last-success time not
 * at all, so three failed intervals in a row raise LedgerlineSyncStale.
 */
export function recordSyncCycles(metrics: SyncMetrics & FlowMetrics, now: () => number = Date.now): SyncCycleRecorder {
  const synced = () => metrics.syncLastSuccess.set(now() / 1000);
  return {
    tablesSynced(reports) {
      for (const report of reports) metrics.syncRows.inc({ table: report.table }, report.upserted + report.deleted);
    },
    async observe(cycle) {
      const started = process.hrtime.bigint();
      try {
        const result = await cycle();
        metrics.syncDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
        synced();
        if (result.dbt) {
          metrics.dbtRuns.inc({ outcome: 'ok' });
          if (result.dbt.elapsedSeconds !== null) metrics.dbtDuration.observe(result.dbt.elapsedSeconds);
        }
        metrics.jobRuns.inc({ job_name: SYNC_JOB_NAME, status: 'ok' });
        return result;
      } catch (error) {
        if (error instanceof DbtBuildFailedError) {
          synced();
          metrics.dbtRuns.inc({ outcome: 'failed' });
          if (error.summary.elapsedSeconds !== null) metrics.dbtDuration.observe(error.summary.elapsedSeconds);
        }
        // Tables that loaded before another failed are in the warehouse: their rows count.
        if (error instanceof SyncFailedError) for (const report of error.completed) metrics.syncRows.inc({ table: report.table }, report.upserted + report.deleted);
        metrics.jobRuns.inc({ job_name: SYNC_JOB_NAME, status: 'failed' });
        throw error;
      }
    },
  };
}
