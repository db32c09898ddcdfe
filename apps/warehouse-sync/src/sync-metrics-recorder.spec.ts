import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createFlowMetrics, createSyncMetrics } from '@ledgerline/metrics';
import { DbtBuildFailedError, SyncFailedError, type SyncCycleResult, type TableSyncReport } from '@ledgerline/warehouse-sync';
import { recordSyncCycles } from './sync-metrics-recorder.ts';

const report = (table: string, upserted: number, deleted = 0): TableSyncReport => ({
  table,
  rowsRead: upserted + deleted,
  upserted,
  deleted,
  watermarkBefore: null,
  watermarkAfter: 1n,
  pages: 1,
  fullRefresh: false,
  durationMs: 1,
});

function setUp() {
  const registry = new Registry();
  const metrics = { ...createSyncMetrics(registry, { intervalSeconds: 60, tables: ['accounts', 'transactions'] }), ...createFlowMetrics(registry, ['warehouse-sync']) };
  let clock = 1_000_000;
  const recorder = recordSyncCycles(metrics, () => clock);
  return { registry, recorder, tick: (ms: number) => (clock += ms) };
}

const dbtSummary = { modelsBuilt: 3, testsPassed: 5, testsFailed: 0, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 1 };

describe('the scheduled sync in the shared metric families', () => {
  it('a good cycle: rows per table, a duration, the last-success time, an ok dbt run and an ok job run', async () => {
    const { registry, recorder } = setUp();
    const result: SyncCycleResult = { tables: [report('transactions', 40, 2)], dbt: dbtSummary, derived: null };
    await recorder.observe(async () => {
      recorder.tablesSynced(result.tables);
      return result;
    });
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_rows_total{table="transactions"} 42');
    expect(body).toContain('ledgerline_sync_rows_total{table="accounts"} 0');
    expect(body).toContain('ledgerline_sync_duration_seconds_count 1');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 1000');
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="ok"} 1');
    expect(body).toContain('ledgerline_dbt_duration_seconds_sum 1');
    expect(body).toContain('ledgerline_dbt_duration_seconds_count 1');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="ok"} 1');
  });

  it('a failed table: the completed tables count, the last success stays, a failed job run; the error passes through', async () => {
    const { registry, recorder, tick } = setUp();
    await recorder.observe(async () => ({ tables: [], dbt: null, derived: null }));
    tick(90_000);
    const failure = new SyncFailedError([{ table: 'transactions', reason: 'connection reset', error: new Error('reset') }], [report('accounts', 3)]);
    await expect(recorder.observe(() => Promise.reject(failure))).rejects.toBe(failure);
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_rows_total{table="accounts"} 3');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 1000');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="failed"} 1');
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 0');
  });

  it('a failed dbt build after a good load: the sync is fresh, dbt and the job run failed', async () => {
    const { registry, recorder, tick } = setUp();
    tick(5_000);
    const failure = new DbtBuildFailedError({ ...dbtSummary, testsFailed: 1, elapsedSeconds: 7.5, failures: [{ uniqueId: 'test.x', resourceType: 'test', status: 'fail', message: '1 row' }] });
    await expect(recorder.observe(() => Promise.reject(failure))).rejects.toBe(failure);
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 1005');
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 1');
    // A build whose tests failed took its time too.
    expect(body).toContain('ledgerline_dbt_duration_seconds_sum 7.5');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="failed"} 1');
  });
});
