import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAnalyticsStoreContract } from '@ledgerline/analytics/testing';
import { withDuckDb } from '../connection/shared-instances.ts';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.ts';
import { loadRawDataset } from './load-raw-dataset.ts';
import { addRawTombstones } from './raw-tombstones.test-helper.ts';
import { useRawDatasetFile } from './raw-dataset-file.test-helper.ts';

// The next sync's load time: later than anything loaded so far.
const NEXT_SYNC = '(SELECT max(_synced_at) + INTERVAL 1 DAY FROM raw.transactions)';

/**
 * RAW as a sync would leave it before the "truth" arrived: 5% of the rows with another category,
 * day, amount and recurring flag; 2% missing; an extra row that will be deleted; one account
 * under another customer. `syncTruth` then writes the real values as the next sync would: a later
 * `_synced_at`, but LOW change sequences -- rows whose Postgres transaction was still open during
 * the first sync arrive with change_seq below rows already loaded (docs/sync-watermark.md §4),
 * and the refresh must not skip them.
 */
async function perturb(path: string): Promise<void> {
  await withDuckDb(path, async (db) => {
    await db.run('CREATE SCHEMA truth');
    await db.run('CREATE TABLE truth.transactions AS SELECT * FROM raw.transactions');
    await db.run('CREATE TABLE truth.accounts AS SELECT * FROM raw.accounts');
    await db.run(`UPDATE raw.transactions SET category = 'Perturbed', occurred_at = occurred_at + INTERVAL 40 DAY,
                    normalized_amount = normalized_amount * 2, is_recurring = NOT is_recurring WHERE hash(tx_id) % 20 = 0`);
    await db.run('DELETE FROM raw.transactions WHERE hash(tx_id) % 50 = 1');
    await db.run(`INSERT INTO raw.transactions SELECT * REPLACE ('EXTRA-1' AS tx_id, normalized_amount * 1000 AS normalized_amount)
                   FROM raw.transactions WHERE direction = 'DEBIT' AND txn_type = 'PURCHASE' AND status = 'POSTED' LIMIT 1`);
    await db.run(`UPDATE raw.accounts SET customer_id = (SELECT max(customer_id) FROM raw.accounts)
                   WHERE account_id = (SELECT min(account_id) FROM raw.accounts)`);
  });
}

async function syncTruth(path: string): Promise<void> {
  await withDuckDb(path, async (db) => {
    await db.run(`CREATE TEMP TABLE fixed AS SELECT t.* REPLACE (0 AS _change_seq, ${NEXT_SYNC} AS _synced_at) FROM truth.transactions t
                   WHERE hash(t.tx_id) % 20 = 0 OR hash(t.tx_id) % 50 = 1`);
    await db.run('DELETE FROM raw.transactions WHERE tx_id IN (SELECT tx_id FROM fixed)');
    await db.run('INSERT INTO raw.transactions SELECT * FROM fixed');
    await db.run(`UPDATE raw.transactions SET _deleted = true, _change_seq = 0, _synced_at = ${NEXT_SYNC} WHERE tx_id = 'EXTRA-1'`);
    await db.run(`UPDATE raw.accounts AS a SET customer_id = t.customer_id, _change_seq = 0, _synced_at = ${NEXT_SYNC}
                   FROM truth.accounts t WHERE t.account_id = a.account_id AND t.customer_id <> a.customer_id`);
    await db.run('DROP SCHEMA truth CASCADE');
  });
}

// The AnalyticsStore contract on the serving layer after a full build AND an incremental refresh
// that had to move rows between days, categories and customers, delete rows and add missing ones.
describeAnalyticsStoreContract('DuckDB on the serving layer (incrementally refreshed)', async (dataset) => {
  const dir = mkdtempSync(join(tmpdir(), 'analytics-serving-'));
  const path = join(dir, 'analytics.duckdb');
  await loadRawDataset(path, dataset, { syncedAt: '2026-04-01T00:00:00.000Z' });
  await addRawTombstones(path);
  await perturb(path);
  expect((await DuckDbAnalyticsStore.refreshServing(path)).mode).toBe('full');
  await syncTruth(path);
  const report = await DuckDbAnalyticsStore.refreshServing(path);
  expect(report.mode).toBe('incremental');
  expect(report.days).toBeGreaterThan(0);
  const store = new DuckDbAnalyticsStore({ path });
  return {
    store,
    expectedSource: 'serving',
    transactionsRelation: 'raw.transactions',
    liveCondition: 'NOT _deleted',
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('serving layer upkeep', () => {
  const file = useRawDatasetFile('analytics-serving-upkeep', { customers: 4, months: 2 });

  const tableDump = (table: string) =>
    withDuckDb(file.path, async (db) => (await db.runAndReadAll(`SELECT * FROM serving.${table} ORDER BY ALL`)).getRowObjectsJson());

  it('an incremental refresh leaves exactly what a full build makes', async () => {
    await perturb(file.path);
    await DuckDbAnalyticsStore.refreshServing(file.path, { full: true });
    await syncTruth(file.path);
    expect((await DuckDbAnalyticsStore.refreshServing(file.path)).mode).toBe('incremental');
    const tables = ['fact', 'accounts', 'daily_category', 'daily_merchant', 'daily_location', 'recurring', 'recurring_summary', 'anomalies'];
    const incremental = await Promise.all(tables.map(tableDump));
    expect((await DuckDbAnalyticsStore.refreshServing(file.path)).mode).toBe('unchanged');
    await DuckDbAnalyticsStore.refreshServing(file.path, { full: true });
    expect(await Promise.all(tables.map(tableDump))).toEqual(incremental);
  });

  it('answers from the serving layer while it is up to date with RAW; a sync that skipped the refresh sends reads back to RAW', async () => {
    const store = new DuckDbAnalyticsStore({ path: file.path, idleCloseMs: 10 });
    try {
      expect((await store.sourceInfo()).kind).toBe('serving');
      await new Promise((r) => setTimeout(r, 100));
      await withDuckDb(file.path, (db) =>
        db.run(`UPDATE raw.transactions SET _synced_at = ${NEXT_SYNC} WHERE tx_id = (SELECT min(tx_id) FROM raw.transactions)`),
      );
      expect(await store.sourceInfo()).toEqual({ kind: 'raw', reason: expect.stringContaining('reading RAW') });
    } finally {
      await store.close();
    }
  });
});
