import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createFlowMetrics, createSyncMetrics } from '@ledgerline/metrics';
import { runSyncCycle, type DbtBuildSummary, type DbtRunner, type SyncTableSpec } from '@ledgerline/warehouse-sync';
import { InMemoryChangeFeed, InMemoryWarehouse } from '@ledgerline/warehouse-sync/testing';
import { meterScheduledSync } from './sync-metrics.ts';

const items: SyncTableSpec = { name: 'items', key: 'id', columns: [{ name: 'id', type: 'string' }] };
const ok: DbtBuildSummary = { modelsBuilt: 3, testsPassed: 5, testsFailed: 0, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 1 };
const testsFailed: DbtBuildSummary = { ...ok, testsFailed: 1, elapsedSeconds: 7.5, failures: [{ uniqueId: 'test.x', resourceType: 'test', status: 'fail', message: '1 row' }] };

// The warehouse-sync app's cycles through the real use case (runSyncCycle on the in-memory feed
// and warehouse), metered as main.ts meters them.
function setUp(dbt: DbtRunner) {
  const registry = new Registry();
  const metrics = { ...createSyncMetrics(registry, { intervalSeconds: 60, tables: ['items'] }), ...createFlowMetrics(registry, ['warehouse-sync']) };
  let clock = 1_000_000;
  const metered = meterScheduledSync(metrics, dbt, () => clock);
  const feed = new InMemoryChangeFeed();
  let n = 0;
  const cycle = () => {
    feed.write((tx) => tx.upsert(items, { id: `row-${(n += 1)}` }));
    return metered.recorder.observe(() =>
      runSyncCycle({ changeFeed: feed, warehouse: new InMemoryWarehouse(), batchSize: 10, dbt: metered.dbt, onTablesSynced: metered.recorder.tablesSynced }, { tables: [items] }),
    );
  };
  return { registry, cycle, tick: (ms: number) => (clock += ms) };
}

describe('the scheduled sync in the shared metric families', () => {
  it('a good cycle: rows per table, a duration, the last-success time, an ok dbt run and an ok job run', async () => {
    const { registry, cycle } = setUp({ build: async () => ok });
    await cycle();
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_rows_total{table="items"} 1');
    expect(body).toContain('ledgerline_sync_duration_seconds_count 1');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 1000');
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="ok"} 1');
    expect(body).toContain('ledgerline_dbt_duration_seconds_sum 1');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="ok"} 1');
  });

  it('a failed dbt build after a good load: the sync is fresh, dbt and the job run failed, the build timed', async () => {
    const { registry, cycle, tick } = setUp({ build: async () => testsFailed });
    tick(5_000);
    await expect(cycle()).rejects.toThrow(/test\.x/);
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_sync_rows_total{table="items"} 1');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 1005');
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 1');
    expect(body).toContain('ledgerline_dbt_duration_seconds_sum 7.5');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="failed"} 1');
  });

  // Issue #27: the app counted dbt from the cycle's result, so a build that could not run at all
  // (dbt missing from the virtualenv, the process killed) was no dbt run; the main job counts it failed.
  it('a dbt build that could not run is a failed dbt run (without a duration), as in the main job', async () => {
    const { registry, cycle } = setUp({ build: () => Promise.reject(new Error('spawn .venv/bin/dbt ENOENT')) });
    await expect(cycle()).rejects.toThrow('ENOENT');
    const body = await registry.metrics();
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 1');
    expect(body).toContain('ledgerline_dbt_duration_seconds_count 0');
    expect(body).toContain('ledgerline_job_runs_total{job_name="warehouse-sync",status="failed"} 1');
    // Not a DbtBuildFailedError: nothing says the data made it, the sync is not marked fresh.
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 0');
  });
});
