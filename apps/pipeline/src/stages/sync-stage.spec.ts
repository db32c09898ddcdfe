import { silentLogger } from '@ledgerline/logging';
import { DbtBuildFailedError, type DbtBuildSummary } from '@ledgerline/warehouse-sync';
import { InMemoryChangeFeed, InMemoryWarehouse, InMemoryWarehouseStore } from '@ledgerline/warehouse-sync/testing';
import { describe, expect, it } from 'vitest';
import { SyncStage } from './sync-stage.ts';

const built: DbtBuildSummary = { modelsBuilt: 3, testsPassed: 2, testsFailed: 0, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 1 };

/** A sync stage over an empty Postgres side: the sync itself never changes a row. */
function stage(summary: DbtBuildSummary = built) {
  const store = new InMemoryWarehouseStore();
  const builds: number[] = [];
  const sync = new SyncStage({
    changeFeed: new InMemoryChangeFeed(),
    warehouseFactory: () => new InMemoryWarehouse(store),
    dbt: { build: async () => (builds.push(Date.now()), summary) },
    batchSize: 100,
    logger: silentLogger,
  });
  return { sync, builds };
}

// The market stage writes RAW outside the Postgres sync; the sync builds dbt only after rows it
// changed itself, so without this the market indicators waited for dbt-incremental (up to ten
// minutes after the main job's start-up backfill).
describe('SyncStage: dbt for RAW written outside the sync', () => {
  it('builds nothing when neither the sync nor anyone else changed rows', async () => {
    const { sync, builds } = stage();
    const result = await sync.run();
    expect(result.dbt).toBeNull();
    expect(builds).toHaveLength(0);
    expect(sync.lastDbtAt).toBeUndefined();
  });

  it('builds once when rows were written to RAW outside the sync, and reports that build', async () => {
    const { sync, builds } = stage();
    const result = await sync.run({ rawChangedOutside: 9742 });
    expect(builds).toHaveLength(1);
    expect(result.dbt).toEqual(built);
    expect(sync.last?.dbt).toEqual(built);
    expect(sync.lastDbt).toEqual(built);
    expect(sync.lastDbtAt).toBeInstanceOf(Date);
    expect(sync.phase).toBe('idle');
  });

  it('fails the cycle when that build has failing tests (the caller keeps the rows pending)', async () => {
    const failing: DbtBuildSummary = { ...built, testsFailed: 1, failures: [{ uniqueId: 'test.ledgerline.not_null_x', resourceType: 'test', status: 'fail', message: 'got 1 result' }] };
    const { sync, builds } = stage(failing);
    await expect(sync.run({ rawChangedOutside: 1 })).rejects.toBeInstanceOf(DbtBuildFailedError);
    expect(builds).toHaveLength(1);
  });
});
