import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import { withDuckDb } from '../connection/shared-instances.ts';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.ts';
import { useRawDatasetFile } from './raw-dataset-file.test-helper.ts';

// Store behaviour beyond the contract: timeouts, reopening, and files without data.
describe('DuckDbAnalyticsStore', () => {
  const file = useRawDatasetFile('analytics-store', { customers: 3, months: 1 });

  it('interrupts an ad-hoc query that runs past its timeout and stays usable', async () => {
    const store = new DuckDbAnalyticsStore({ path: file.path });
    try {
      await expect(
        store.runReadOnlySql('SELECT count(*) AS n FROM range(100000000000) a', { maxRows: 1, timeoutMs: 50 }),
      ).rejects.toThrow(/interrupted after 50 ms/);
      const after = await store.runReadOnlySql('SELECT 1 AS one', { maxRows: 1 });
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('answers again after an idle close, re-detecting the relations', async () => {
    const store = new DuckDbAnalyticsStore({ path: file.path, idleCloseMs: 50 });
    try {
      const first = await store.spendByCategory();
      expect(await store.sourceInfo()).toEqual({ kind: 'raw', reason: expect.stringContaining('reading RAW') });
      await new Promise((r) => setTimeout(r, 200));
      expect(await store.spendByCategory()).toEqual(first);
    } finally {
      await store.close();
    }
  });

  it('says to sync first when the file has no RAW tables yet', async () => {
    const empty = join(file.dir, 'empty.duckdb');
    await withDuckDb(empty, (db) => db.run('CREATE TABLE unrelated (x INTEGER)'));
    const store = new DuckDbAnalyticsStore({ path: empty });
    try {
      await expect(store.cashflow()).rejects.toThrow(AnalyticsUnavailableError);
      await expect(store.cashflow()).rejects.toThrow(/run `analytics sync` first/);
    } finally {
      await store.close();
    }
  });
});
