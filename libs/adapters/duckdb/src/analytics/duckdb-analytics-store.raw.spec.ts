import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAnalyticsStoreContract } from '@ledgerline/analytics/testing';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.ts';
import { loadRawDataset } from './load-raw-dataset.ts';
import { addRawTombstones } from './raw-tombstones.test-helper.ts';

// The AnalyticsStore contract on the RAW tables (no dbt marts in the file), with a tombstoned
// transaction added that must not count anywhere.
describeAnalyticsStoreContract('DuckDB on RAW tables', async (dataset) => {
  const dir = mkdtempSync(join(tmpdir(), 'analytics-raw-'));
  const path = join(dir, 'analytics.duckdb');
  await loadRawDataset(path, dataset, { syncedAt: '2026-04-01T00:00:00.000Z' });
  // A deleted transaction (tombstone) and a deleted account: both must be invisible to every metric.
  await addRawTombstones(path);
  const store = new DuckDbAnalyticsStore({ path });
  return {
    store,
    expectedSource: 'raw',
    transactionsRelation: 'raw.transactions',
    liveCondition: 'NOT _deleted',
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
