import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyFixture, customerCompanyFixture } from '@ledgerline/ingestion/testing';
import { COMPANIES_SYNC_TABLE, CUSTOMER_COMPANIES_SYNC_TABLE, TRANSACTIONS_SYNC_TABLE } from '@ledgerline/warehouse-sync';
import { createPostgresStore } from '../factory.ts';
import type { PostgresTransactionStore } from '../store/postgres-transaction-store.ts';
import { PostgresChangeFeed } from './postgres-change-feed.ts';
import { ACCOUNT, CUSTOMER, transaction } from './synthetic-rows.fixture.ts';

// The same feed on the embedded default (PGlite, PostgreSQL in WASM): pg_current_snapshot(),
// xid8 and the tombstone trigger all work there, over the store's single connection.
describe('PostgresChangeFeed on PGlite', () => {
  let store: PostgresTransactionStore;
  let feed: PostgresChangeFeed;

  beforeAll(async () => {
    store = await createPostgresStore({ pgliteDir: 'memory://' });
    await store.migrate();
    await store.upsertCustomers([CUSTOMER]);
    await store.upsertAccounts([ACCOUNT]);
    feed = new PostgresChangeFeed(store.sql);
  });
  afterAll(async () => store?.close());

  it('ships inserts, updates and deletes window by window', async () => {
    const h0 = await feed.horizon();
    await store.upsertTransactions([transaction('P-1'), transaction('P-2'), transaction('P-3')]);
    const h1 = await feed.horizon();
    expect(h1).toBeGreaterThan(h0);
    const first = await feed.readChanges({ table: TRANSACTIONS_SYNC_TABLE, fromXid: 0n, toXid: h1, limit: 2 });
    expect(first.rows.map((r) => r.tx_id)).toEqual(['P-1', 'P-2']);
    expect(first.nextCursor).toBeDefined();
    const rest = await feed.readChanges({ table: TRANSACTIONS_SYNC_TABLE, fromXid: 0n, toXid: h1, after: first.nextCursor, limit: 2 });
    expect(rest.rows.map((r) => [r.tx_id, r.amount, r.occurred_at])).toEqual([['P-3', '12.30', '2026-10-03T08:15:00.123000Z']]);
    expect(rest.nextCursor).toBeUndefined();

    await store.upsertTransactions([transaction('P-1', { amount: '99.90' })]);
    await store.sql.query(`DELETE FROM transactions WHERE tx_id = 'P-2'`);
    const h2 = await feed.horizon();
    const second = await feed.readChanges({ table: TRANSACTIONS_SYNC_TABLE, fromXid: h1, toXid: h2, limit: 10 });
    expect(second.rows.map((r) => [r.tx_id, r.amount])).toEqual([['P-1', '99.90']]);
    expect(second.deletes.map((d) => d.key)).toEqual(['P-2']);
  });

  it('snapshot() does not hold the one connection: a write started during it lands before it ends', async () => {
    // One transaction would make every statement of the process wait for the whole sync (past the
    // pool's 30 s connection timeout under load): on PGlite each read is its own statement.
    let startWriter!: () => void;
    const writerMayStart = new Promise<void>((resolve) => (startWriter = resolve));
    let landedAt = 0;
    const writer = writerMayStart.then(async () => {
      await store.upsertTransactions([transaction('P-SNAP-2')]);
      landedAt = performance.now();
    });
    let endedAt = 0;
    const horizon = await feed.snapshot(async (snapshot) => {
      startWriter();
      await writer;
      endedAt = performance.now();
      return snapshot.horizon;
    });
    expect(landedAt).toBeGreaterThan(0);
    expect(landedAt).toBeLessThanOrEqual(endedAt);
    expect(horizon).toBeLessThan(await feed.horizon());
  });

  it('ships companies and customer-company links like the other row tables; a replay ships nothing', async () => {
    const h0 = await feed.horizon();
    await store.upsertCompanies([companyFixture(1)]);
    await store.upsertCustomerCompanies([customerCompanyFixture(1, CUSTOMER.customer_id, companyFixture(1).company_id)]);
    const h1 = await feed.horizon();
    const companies = await feed.readChanges({ table: COMPANIES_SYNC_TABLE, fromXid: h0, toXid: h1, limit: 10 });
    expect(companies.rows.map((r) => [r.company_id, r.name, r.industry])).toEqual([['co-00001', 'Atelier 1 SARL', 'Retail']]);
    const links = await feed.readChanges({ table: CUSTOMER_COMPANIES_SYNC_TABLE, fromXid: h0, toXid: h1, limit: 10 });
    expect(links.rows.map((r) => [r.relationship_id, r.customer_id, r.company_id, r.role])).toEqual([['rel-00001', CUSTOMER.customer_id, 'co-00001', 'ACCOUNT_HOLDER']]);

    await store.upsertCompanies([companyFixture(1)]);
    await store.upsertCustomerCompanies([customerCompanyFixture(1, CUSTOMER.customer_id, 'co-00001', { role: 'SIGNATORY' })]);
    const h2 = await feed.horizon();
    expect((await feed.readChanges({ table: COMPANIES_SYNC_TABLE, fromXid: h1, toXid: h2, limit: 10 })).rows).toEqual([]);
    expect((await feed.readChanges({ table: CUSTOMER_COMPANIES_SYNC_TABLE, fromXid: h1, toXid: h2, limit: 10 })).rows.map((r) => r.role)).toEqual(['SIGNATORY']);
  });

  it('ships an update that changes only a trade field (the change trigger compares them too)', async () => {
    const trade = transaction('P-T', { txn_type: 'TRADE', amount: '11.00', normalized_amount: '11.00', asset_symbol: 'BTC', quantity: '0.10000000', unit_price: '100.00000000', fee: '1.00' });
    await store.upsertTransactions([trade]);
    for (const [column, value] of [['fee', '2.00'], ['quantity', '0.20000000'], ['unit_price', '55.00000000'], ['asset_symbol', 'ETH']] as const) {
      const before = await feed.horizon();
      await store.sql.query(`UPDATE transactions SET ${column} = $1 WHERE tx_id = 'P-T'`, [value]);
      const after = await feed.horizon();
      const shipped = await feed.readChanges({ table: TRANSACTIONS_SYNC_TABLE, fromXid: before, toXid: after, limit: 10 });
      expect(shipped.rows.map((r) => [r.tx_id, r[column]]), column).toEqual([['P-T', value]]);
    }
  });
});
