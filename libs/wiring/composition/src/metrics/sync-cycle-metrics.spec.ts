import { describe, expect, it } from 'vitest';
import { createFlowMetrics, createMetricsRegistry, createSyncMetrics } from '@ledgerline/metrics';
import { DbtBuildFailedError, SyncFailedError, type DbtBuildSummary, type TableSyncReport } from '@ledgerline/warehouse-sync';
import { meteredDbt, syncCycleMetrics } from './sync-cycle-metrics.ts';

const summary = (over: Partial<DbtBuildSummary> = {}): DbtBuildSummary => ({ modelsBuilt: 3, testsPassed: 5, testsFailed: 0, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 4, ...over });
const failed = summary({ testsFailed: 1, elapsedSeconds: 6, failures: [{ uniqueId: 'test.x', resourceType: 'test', status: 'fail', message: '1 row' }] });
const report = (table: string, upserted: number): TableSyncReport => ({
  table,
  rowsRead: upserted,
  upserted,
  deleted: 0,
  watermarkBefore: null,
  watermarkAfter: 1n,
  pages: 1,
  fullRefresh: false,
  durationMs: 1,
});

function setUp() {
  const registry = createMetricsRegistry();
  return { registry, metrics: createSyncMetrics(registry, { intervalSeconds: 30 }) };
}

describe("dbt builds and sync cycles in the shared families (the main job's and the warehouse-sync app's)", () => {
  it('counts and times every build at the runner: ok, tests failed, and a build that could not run', async () => {
    const { registry, metrics } = setUp();
    const outcomes = [summary(), failed];
    const runner = meteredDbt({ build: async () => outcomes.shift() ?? Promise.reject(new Error('dbt: command not found')) }, metrics);
    expect(await runner.build()).toEqual(summary());
    expect(await runner.build()).toBe(failed);
    await expect(runner.build()).rejects.toThrow('dbt: command not found');
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="ok"} 1');
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 2');
    // The two builds that produced run results, by dbt's own elapsed time.
    expect(body).toContain('ledgerline_dbt_duration_seconds_count 2');
    expect(body).toContain('ledgerline_dbt_duration_seconds_sum 10');
  });

  it('a cycle whose data loaded but whose dbt build failed: rows counted, the sync fresh, no cycle duration', async () => {
    const { registry, metrics } = setUp();
    const recorder = syncCycleMetrics(metrics, { now: () => 2_000_000 });
    const error = new DbtBuildFailedError(failed);
    await expect(
      recorder.observe(async () => {
        recorder.tablesSynced([report('transactions', 40)]);
        throw error;
      }),
    ).rejects.toBe(error);
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_rows_total{table="transactions"} 40');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 2000');
    expect(body).toContain('ledgerline_sync_duration_seconds_count 0');
  });

  it('a failed table: the tables loaded before it count, the last success stays', async () => {
    const { registry, metrics } = setUp();
    const recorder = syncCycleMetrics(metrics, { now: () => 5_000_000 });
    const error = new SyncFailedError([{ table: 'transactions', reason: 'reset', error: new Error('reset') }], [report('accounts', 3)]);
    await expect(recorder.observe(() => Promise.reject(error))).rejects.toBe(error);
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_rows_total{table="accounts"} 3');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 0');
  });

  it('with a job: every cycle is also a job run, ok or failed (a process without a flow runner)', async () => {
    const { registry, metrics } = setUp();
    const { jobRuns } = createFlowMetrics(registry, ['warehouse-sync']);
    const recorder = syncCycleMetrics(metrics, { job: { name: 'warehouse-sync', runs: jobRuns } });
    await recorder.observe(async () => ({ tables: [], dbt: null, derived: null }));
    await expect(recorder.observe(() => Promise.reject(new DbtBuildFailedError(failed)))).rejects.toBeInstanceOf(DbtBuildFailedError);
    await expect(recorder.observe(() => Promise.reject(new Error('warehouse locked')))).rejects.toThrow('warehouse locked');
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="ok"} 1');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="failed"} 2');
    // dbt is the runner's to count (meteredDbt), never the cycle's: nothing here.
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 0');
  });
});
