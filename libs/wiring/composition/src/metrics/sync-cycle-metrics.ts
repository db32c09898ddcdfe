import type { FlowMetrics, SyncMetrics } from '@ledgerline/metrics';
import { DbtBuildFailedError, SyncFailedError, type DbtBuildSummary, type DbtRunner, type SyncCycleResult, type TableSyncReport } from '@ledgerline/warehouse-sync';

/**
 * Every dbt build counted by outcome and timed (dbt's own elapsed time) at the runner, so a build
 * is counted once whoever starts it (a sync cycle, the main job's `dbt-incremental` flow): a build
 * whose tests failed is `failed` with its duration; a build that could not run at all (dbt missing,
 * the process died: no run results) is `failed` without one. Counting from the sync cycle's result
 * instead missed that last case (the warehouse-sync app did).
 */
export function meteredDbt(runner: DbtRunner, metrics: Pick<SyncMetrics, 'dbtRuns' | 'dbtDuration'>): DbtRunner {
  return {
    async build(): Promise<DbtBuildSummary> {
      let summary: DbtBuildSummary;
      try {
        summary = await runner.build();
      } catch (error) {
        metrics.dbtRuns.inc({ outcome: 'failed' });
        throw error;
      }
      metrics.dbtRuns.inc({ outcome: summary.failures.length > 0 ? 'failed' : 'ok' });
      if (summary.elapsedSeconds !== null) metrics.dbtDuration.observe(summary.elapsedSeconds);
      return summary;
    },
  };
}

export interface SyncCycleMetricsOptions {
  /** Count each cycle as a run of this job too (a process without a flow runner to do it). */
  job?: { name: string; runs: FlowMetrics['jobRuns'] };
  now?: () => number;
}

export interface SyncCycleRecorder {
  /** Rows the loaded tables moved (from `onTablesSynced`: counted as soon as they are in the warehouse). */
  tablesSynced(reports: readonly TableSyncReport[]): void;
  /** Runs one cycle and records its outcome; the cycle's result or error passes through unchanged. */
  observe(cycle: () => Promise<SyncCycleResult>): Promise<SyncCycleResult>;
}

/**
 * Sync cycles in the shared metric families, for the main job and the warehouse-sync app alike:
 * rows as soon as the tables loaded; a cycle whose data loaded but whose dbt build failed still
 * counts as a good sync (its data is in the warehouse: LedgerlineSyncStale stays quiet), and a
 * cycle whose tables failed moves the last-success time not at all; the duration is observed only
 * for cycles that succeeded. dbt runs are not counted here: wrap the runner in meteredDbt.
 */
export function syncCycleMetrics(metrics: Pick<SyncMetrics, 'syncRows' | 'syncDuration' | 'syncLastSuccess'>, options: SyncCycleMetricsOptions = {}): SyncCycleRecorder {
  const now = options.now ?? Date.now;
  const jobRun = (status: 'ok' | 'failed') => options.job?.runs.inc({ job_name: options.job.name, status });
  const tablesSynced = (reports: readonly TableSyncReport[]): void => {
    for (const report of reports) metrics.syncRows.inc({ table: report.table }, report.upserted + report.deleted);
  };
  return {
    tablesSynced,
    async observe(cycle) {
      const started = process.hrtime.bigint();
      try {
        const result = await cycle();
        metrics.syncDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
        metrics.syncLastSuccess.set(now() / 1000);
        jobRun('ok');
        return result;
      } catch (error) {
        if (error instanceof DbtBuildFailedError) metrics.syncLastSuccess.set(now() / 1000);
        // Tables that loaded before another failed are in the warehouse: their rows count.
        if (error instanceof SyncFailedError) tablesSynced(error.completed);
        jobRun('failed');
        throw error;
      }
    },
  };
}
