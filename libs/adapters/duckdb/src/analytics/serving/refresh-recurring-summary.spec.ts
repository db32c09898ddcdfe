import { describe, expect, it } from 'vitest';
import { withDuckDb } from '../../connection/shared-instances.ts';
import { refreshServingFile } from './refresh-serving-tables.ts';
import { useRawDatasetFile } from '../raw-dataset-file.test-helper.ts';

// The next sync's load time: later than anything loaded so far.
const NEXT_SYNC = '(SELECT max(_synced_at) + INTERVAL 1 DAY FROM raw.transactions)';

describe('serving.recurring_summary upkeep', () => {
  const file = useRawDatasetFile('serving-recurring-summary', { customers: 4, months: 3 });

  const summary = () =>
    withDuckDb(file.path, async (db) => (await db.runAndReadAll('SELECT * FROM serving.recurring_summary ORDER BY ALL')).getRowObjectsJson());

  it('an incremental refresh that changes recurring rows leaves the summary a full build makes', async () => {
    await refreshServingFile(file.path, { full: true });
    const before = await summary();
    expect(before.length).toBeGreaterThan(0);
    // A sync moving recurring payments: other amounts and months, one deleted, one no longer recurring.
    await withDuckDb(file.path, async (db) => {
      await db.run(`UPDATE raw.transactions SET normalized_amount = normalized_amount + 7, occurred_at = occurred_at + INTERVAL 31 DAY,
                      _synced_at = ${NEXT_SYNC} WHERE is_recurring AND hash(tx_id) % 3 = 0`);
      await db.run(`UPDATE raw.transactions SET _deleted = true, _synced_at = ${NEXT_SYNC}
                    WHERE tx_id = (SELECT min(tx_id) FROM raw.transactions WHERE is_recurring AND NOT _deleted)`);
      await db.run(`UPDATE raw.transactions SET is_recurring = false, _synced_at = ${NEXT_SYNC}
                    WHERE tx_id = (SELECT max(tx_id) FROM raw.transactions WHERE is_recurring AND NOT _deleted)`);
    });
    expect((await refreshServingFile(file.path)).mode).toBe('incremental');
    const incremental = await summary();
    expect(incremental).not.toEqual(before);
    await refreshServingFile(file.path, { full: true });
    expect(await summary()).toEqual(incremental);
  });

  it('rebuilds a serving layer of an older layout that lacks the summary', async () => {
    await withDuckDb(file.path, (db) => db.run('DROP TABLE serving.recurring_summary'));
    expect((await refreshServingFile(file.path)).mode).toBe('full');
    expect((await summary()).length).toBeGreaterThan(0);
  });
});
