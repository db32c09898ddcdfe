import type { DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { withDuckDb } from '../../connection/shared-instances.ts';
import { useRawDatasetFile } from '../raw-dataset-file.test-helper.ts';
import { refreshServingTables } from './refresh-serving-tables.ts';
import { dumpServing, expectNearRowsCover } from './serving-dump.test-helper.ts';

const NEXT_SYNC = '(SELECT max(_synced_at) + INTERVAL 1 SECOND FROM raw.transactions)';

async function rows(db: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

async function expectEqualToFullBuild(db: DuckDBConnection): Promise<void> {
  const incremental = await dumpServing(db, 'serving', { comparable: true });
  await expectNearRowsCover(db);
  await refreshServingTables(db, { full: true, schema: 'serving_check' });
  const rebuilt = await dumpServing(db, 'serving_check', { comparable: true });
  for (const table of Object.keys(rebuilt)) expect({ table, rows: incremental[table] }).toEqual({ table, rows: rebuilt[table] });
}

// The anomalies are kept from per-group statistics and the rows far enough from their group's
// mean to be flagged (anomaly-upkeep-sql.ts): a change reads the fact again only for a group
// whose spread shrank so much that a row between its bounds could now be flagged.
describe('incremental anomaly upkeep', () => {
  const file = useRawDatasetFile('serving-anomalies', { customers: 3, months: 4 });

  it('rescores a group from its near rows after a small change, and rescans it when a large outlier goes', async () => {
    await withDuckDb(file.path, async (db) => {
      await refreshServingTables(db, { full: true });
      // The group with the most rows among those with an anomaly, and its flagged rows.
      const [group] = await rows(
        db,
        `SELECT g.customer_id, g.category FROM serving.anomaly_groups AS g
         WHERE EXISTS (SELECT 1 FROM serving.anomalies AS a WHERE a.customer_id = g.customer_id AND a.category = g.category)
         ORDER BY g.n DESC, g.customer_id, g.category LIMIT 1`,
      );
      expect(group).toBeDefined();
      const inGroup = `customer_id = '${String(group?.customer_id)}' AND category = '${String(group?.category)}'`;
      const flagged = async () => (await rows(db, `SELECT tx_id FROM serving.anomalies WHERE ${inGroup} ORDER BY tx_id`)).map((r) => r.tx_id);
      const baseline = await flagged();
      expect(baseline.length).toBeGreaterThan(0);

      // One of its rows costs a cent more: its statistics move a little, its bounds still hold.
      await db.run(`UPDATE raw.transactions SET normalized_amount = normalized_amount + 0.01, _synced_at = ${NEXT_SYNC}
                    WHERE tx_id = (SELECT min(tx_id) FROM serving.fact WHERE is_spend AND ${inGroup})`);
      const small = await refreshServingTables(db);
      expect(small).toMatchObject({ mode: 'incremental', transactions: 1, anomalyGroupsRescanned: 0 });
      await expectEqualToFullBuild(db);

      // A payment a thousand times the group's largest, built in: it widens the group's bounds...
      await db.run(`INSERT INTO raw.transactions SELECT t.* REPLACE ('OUTLIER-1' AS tx_id, t.normalized_amount * 1000 AS normalized_amount,
                      t.amount * 1000 AS amount, ${NEXT_SYNC} AS _synced_at)
                    FROM raw.transactions AS t WHERE t.tx_id = (SELECT tx_id FROM serving.fact WHERE is_spend AND ${inGroup} ORDER BY normalized_amount DESC, tx_id LIMIT 1)`);
      await refreshServingTables(db, { full: true });
      expect(await flagged()).toEqual(['OUTLIER-1']);
      // ...so when it is deleted, rows between those bounds are flagged again: the group is read from the fact.
      await db.run(`UPDATE raw.transactions SET _deleted = true, _synced_at = ${NEXT_SYNC} WHERE tx_id = 'OUTLIER-1'`);
      const removed = await refreshServingTables(db);
      expect(removed).toMatchObject({ mode: 'incremental', transactions: 1 });
      expect(removed.anomalyGroupsRescanned).toBeGreaterThanOrEqual(1);
      expect(await flagged()).toEqual(baseline);
      await expectEqualToFullBuild(db);
    });
  });
});
