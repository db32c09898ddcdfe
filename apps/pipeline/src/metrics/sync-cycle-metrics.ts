import type { SyncMetrics } from '@ledgerline/metrics';
import { DbtBuildFailedError, SyncFailedError, type DbtBuildSummary, type DbtRunner, type SyncCycleResult, type TableSyncReport } from '@ledgerline/warehouse-sync';

/**
 * Every dbt build of the main job — the sync's and the `dbt-incremental` flow's — counted by
 * outcome and timed (dbt's own elapsed time), at the runner: before, only the sync's successful
 * builds were counted, so a failed build (the sync cycle rejects with DbtBuildFailedError) and every
 * incremental build were missing from `ledgerline_dbt_runs_total`.
 */
export function meteredDbt(runner: DbtRunner, metrics: Pick<SyncMetrics, 'dbtRuns' | 'dbtDuration'>): DbtRunner {
  return {
    async build(): Promise<DbtBuildSummary> {
      let summary: DbtBuildSummary;
      try {
        summary = await runner.build();
      } catch (error) {
        // No run results (dbt could not start, the process died): a failure without a duration.
        metrics.dbtRuns.inc({ outcome: 'failed' });
        throw error;
      }
      metrics.dbtRuns.inc({ outcome: summary.failures.length > 0 ? 'failed' : 'ok' });
      if (summary.elapsedSeconds !== null) metrics.dbtDuration.observe(summary.elapsedSeconds);
      return summary;
    },
  };
}

/**
 * The main job's sync cycles in the shared families, like the warehouse-sync app's: rows as soon as
 * the tables loaded, and a cycle whose data loaded but whose dbt build failed still counts as a good
 * sync (its data is in the warehouse: LedgerlineSyncStale stays quiet); its duration is observed only
 * for cycles that succeeded. Job runs are the flow instrumentation's (instrument-flows.ts).
 */
export function syncCycleMetrics(metrics: Pick<SyncMetrics, 'syncRows' | 'syncDuration' | 'syncLastSuccess'>, now: () => number = Date.now) {
  const tablesSynced = (reports: readonly TableSyncReport[]): void => {
    for (const report of reports) metrics.syncRows.inc({ table: report.table }, report.upserted + report.deleted);
  };
  return {
    tablesSynced,
    async observe(cycle: () => Promise<SyncCycleResult>): Promise<SyncCycleResult> {
      const started = process.hrtime.bigint();
      try {
        const result = await cycle();
        metrics.syncDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
        metrics.syncLastSuccess.set(now() / 1000);
        return result;
      } catch (error) {
        if (error instanceof DbtBuildFailedError) metrics.syncLastSuccess.set(now() / 1000);
        // Tables that loaded before another failed are in the warehouse: their rows count.
        if (error instanceof SyncFailedError) tablesSynced(error.completed);
        throw error;
      }
    },
  };
}
