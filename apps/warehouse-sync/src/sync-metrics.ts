import { meteredDbt, syncCycleMetrics, type SyncCycleRecorder } from '@ledgerline/composition';
import type { FlowMetrics, SyncMetrics } from '@ledgerline/metrics';
import type { DbtRunner } from '@ledgerline/warehouse-sync';

/** The flow name the scheduled sync reports its runs under (as the main job's `warehouse-sync` job). */
export const SYNC_JOB_NAME = 'warehouse-sync';

/**
 * The scheduled sync in the shared metric families, counted as the main job counts its own: dbt
 * at the runner (meteredDbt: a build that could not start is a failed run too), each cycle by
 * syncCycleMetrics, and each cycle as a run of SYNC_JOB_NAME (there is no flow runner here to do it).
 */
export function meterScheduledSync(metrics: SyncMetrics & FlowMetrics, dbt: DbtRunner | undefined, now: () => number = Date.now): { dbt: DbtRunner | undefined; recorder: SyncCycleRecorder } {
  return {
    dbt: dbt ? meteredDbt(dbt, metrics) : undefined,
    recorder: syncCycleMetrics(metrics, { job: { name: SYNC_JOB_NAME, runs: metrics.jobRuns }, now }),
  };
}
