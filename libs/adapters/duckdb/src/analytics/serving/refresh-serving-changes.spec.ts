import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { withDuckDb } from '../../connection/shared-instances.ts';
import { useRawDatasetFile } from '../raw-dataset-file.test-helper.ts';
import { refreshServingTables } from './refresh-serving-tables.ts';
import { dumpServing, expectNearRowsCover } from './serving-dump.test-helper.ts';
import { simulateRawChanges } from './simulate-raw-changes.ts';

// The next sync's load time: later than anything loaded so far.
const NEXT_SYNC = '(SELECT max(_synced_at) + INTERVAL 1 SECOND FROM raw.transactions)';

/** The serving layer after an incremental refresh must be what a full build of the same RAW makes. */
async function expectEqualToFullBuild(db: DuckDBConnection): Promise<void> {
  const incremental = await dumpServing(db, 'serving', { comparable: true });
  await expectNearRowsCover(db);
  await refreshServingTables(db, { full: true, schema: 'serving_check' });
  const rebuilt = await dumpServing(db, 'serving_check', { comparable: true });
  for (const table of Object.keys(rebuilt)) expect({ table, rows: incremental[table] }).toEqual({ table, rows: rebuilt[table] });
}

describe('incremental serving refresh', () => {
  const file = useRawDatasetFile('serving-changes', { customers: 4, months: 3 });

  it('equals a full build after rounds of random inserts, updates that move rows, deletes, re-inserts, redeliveries and a customer move', async () => {
    await withDuckDb(file.path, async (db) => {
      await refreshServingTables(db, { full: true });
      const rows = Number((await db.runAndReadAll('SELECT count(*) AS n FROM raw.transactions')).getRowObjectsJS()[0]?.n);
      for (const seed of [11, 12, 13]) {
        // A tenth of RAW per round: amounts, days (across months), categories, statuses, directions,
        // merchants, recurring flags and accounts change; rows are deleted, deleted ones come back.
        await simulateRawChanges(db, { count: Math.ceil(rows / 10), seed });
        if (seed === 13) {
          // An account moves to another customer: all its transactions change customer.
          await db.run(`UPDATE raw.accounts SET customer_id = (SELECT max(customer_id) FROM raw.accounts), _synced_at = ${NEXT_SYNC}
                        WHERE account_id = (SELECT min(account_id) FROM raw.accounts WHERE NOT _deleted)`);
        }
        const report = await refreshServingTables(db);
        expect(report.mode).toBe('incremental');
        expect(report.transactions).toBeGreaterThan(0);
        await expectEqualToFullBuild(db);
      }
      // A redelivery of rows already applied (a sync shipping them again): nothing to change.
      await db.run(`UPDATE raw.transactions SET _synced_at = ${NEXT_SYNC} WHERE hash(tx_id) % 5 = 0`);
      const redelivered = await refreshServingTables(db);
      expect(redelivered).toMatchObject({ mode: 'unchanged', transactions: 0 });
      await expectEqualToFullBuild(db);
    });
  });

  it('patches only the rollup rows of the keys a change touched, in place', async () => {
    await withDuckDb(file.path, async (db) => {
      await refreshServingTables(db, { full: true });
      const rollupRows = async () =>
        (await db.runAndReadAll('SELECT rowid AS r, day, category, subcategory, channel, spend FROM serving.daily_category ORDER BY rowid')).getRowObjectsJson();
      const before = await rollupRows();
      // One posted purchase costs a cent more.
      await db.run(`UPDATE raw.transactions SET normalized_amount = normalized_amount + 0.01, _synced_at = ${NEXT_SYNC}
                    WHERE tx_id = (SELECT min(tx_id) FROM raw.transactions WHERE NOT _deleted AND direction = 'DEBIT'
                                     AND txn_type = 'PURCHASE' AND status = 'POSTED')`);
      const report = await refreshServingTables(db);
      expect(report).toMatchObject({ mode: 'incremental', transactions: 1, days: 1, groups: 3 });
      const after = await rollupRows();
      // Same rows at the same places (nothing deleted and re-inserted), one of them with the new sum.
      expect(after.map((r) => r.r)).toEqual(before.map((r) => r.r));
      expect(after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]))).toHaveLength(1);
      await expectEqualToFullBuild(db);
    });
  });
});
