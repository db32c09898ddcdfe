import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRawRows } from '@ledgerline/duckdb';
import { connectProbe } from '@ledgerline/postgres/testing';
import { ACCOUNTS_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE, type ChangeFeed, type WindowExporter } from '@ledgerline/warehouse-sync';
import { account, customer, insertTransactionSql, seededRandom, transaction } from './test-support/synthetic-data.ts';
import { createSyncHarness, type SyncHarness } from './test-support/sync-harness.ts';

/**
 * The feed with `race` run (once, awaited) just before the sync's first read of any table: a
 * commit that lands after the sync took its horizon, inside its reads.
 */
function racing(feed: ChangeFeed, race: () => Promise<void>): ChangeFeed {
  let raced: Promise<void> | undefined;
  const once = () => (raced ??= race());
  const exporting = (exporter: WindowExporter): WindowExporter => ({
    exportWindow: async (request) => {
      await once();
      return exporter.exportWindow(request);
    },
  });
  return {
    horizon: () => feed.horizon(),
    readChanges: async (request) => (await once(), feed.readChanges(request)),
    ...(feed.exporter ? { exporter: exporting(feed.exporter) } : {}),
    snapshot: (work) =>
      feed.snapshot((snapshot) =>
        work({
          horizon: snapshot.horizon,
          readChanges: async (request) => (await once(), snapshot.readChanges(request)),
          ...(snapshot.exporter ? { exporter: exporting(snapshot.exporter) } : {}),
        }),
      ),
  };
}

// One snapshot per sync (issue #23): the warehouse holds one state of the store after each sync,
// even while a writer commits in the middle of it (what the main job's quiesce gate ensured).
describe('warehouse sync reads one snapshot, Postgres to DuckDB', () => {
  let h: SyncHarness;
  const random = seededRandom(7);

  beforeEach(async () => {
    h = await createSyncHarness('wh_snap');
    await h.store.upsertCustomers([customer('C-1', random)]);
    await h.store.upsertAccounts([{ ...account('A-1', 'C-1', random), balance: '100.00' }]);
  });
  afterEach(async () => h?.dispose());

  /** One payment: a transaction row and its account's new balance, in one Postgres transaction. */
  async function pay(txId: string, balance: string): Promise<void> {
    const session = await connectProbe(h.database.url);
    try {
      await session.query('BEGIN');
      const insert = insertTransactionSql(transaction(txId, 'A-1', random));
      await session.query(insert.text, insert.values);
      await session.query(`UPDATE accounts SET balance = $1, updated_at = now() WHERE account_id = 'A-1'`, [balance]);
      await session.query('COMMIT');
    } finally {
      await session.close();
    }
  }

  async function warehouseState() {
    const txIds = (await readRawRows(h.warehousePath, TRANSACTIONS_SYNC_TABLE)).map((r) => r.tx_id).sort();
    const balances = (await readRawRows(h.warehousePath, ACCOUNTS_SYNC_TABLE)).map((r) => [r.account_id, r.balance]);
    return { txIds, balances };
  }

  it.each([
    { path: 'bulk window loads', paged: false },
    { path: 'pages', paged: true },
  ])('a payment committed between the horizon and the reads waits for the next sync, whole ($path)', async ({ paged }) => {
    await h.syncSettled({ paged });
    await pay('T-1', '90.00');
    await h.awaitHorizon(); // T-1's transaction is below the next sync's horizon

    await h.sync({ paged, wrapFeed: (feed) => racing(feed, () => pay('T-2', '80.00')) });
    // T-1 with the balance it left. Read in separate snapshots, the account row had already moved
    // to T-2's transaction (above the horizon) when it was read: T-1 arrived, its balance did not.
    expect(await warehouseState()).toEqual({ txIds: ['T-1'], balances: [['A-1', '90.00']] });

    await h.syncSettled({ paged });
    expect(await warehouseState()).toEqual({ txIds: ['T-1', 'T-2'], balances: [['A-1', '80.00']] });
  });
});
