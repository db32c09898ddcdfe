import { withDuckDb } from '../connection/shared-instances.ts';

/**
 * Adds to RAW a deleted copy of one posted purchase (`TOMBSTONE-1`) and, unless `accounts` is
 * false, a deleted copy of one account (`GONE-1`): rows a sync leaves behind for deletes, which
 * every metric on every source must ignore.
 */
export async function addRawTombstones(path: string, options: { accounts?: boolean } = {}): Promise<void> {
  await withDuckDb(path, async (db) => {
    await db.run(`INSERT INTO raw.transactions SELECT * REPLACE ('TOMBSTONE-1' AS tx_id, true AS _deleted) FROM raw.transactions
                   WHERE direction = 'DEBIT' AND txn_type = 'PURCHASE' AND status = 'POSTED' LIMIT 1`);
    if (options.accounts !== false) {
      await db.run(`INSERT INTO raw.accounts SELECT * REPLACE ('GONE-1' AS account_id, true AS _deleted) FROM raw.accounts LIMIT 1`);
    }
  });
}
