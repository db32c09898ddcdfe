import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionFixtures } from '@ledgerline/ingestion/testing';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createPostgresStore, type PostgresTransactionStore } from '../index.ts';

// Two writers whose batches overlap deadlock unless both take the rows' locks in one order.
// A trigger records the order rows reach the table, which is the order their unique-index
// entries are locked; every path of upsertTransactions (COPY and INSERT ... ON CONFLICT) must
// write in key order, whatever order the caller passed. COPY in arrival order deadlocked in CI.
describe('upsertTransactions: key-ordered writes (deadlock-free lock order)', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;

  beforeAll(async () => {
    database = await createTestDatabase('store_lock_order');
    store = await createPostgresStore({ url: database.url, poolSize: 1, chunkSize: 50 });
    await store.migrate();
    await store.sql.query(`
      CREATE TABLE write_order (seq bigserial PRIMARY KEY, tx_id text NOT NULL);
      CREATE FUNCTION record_write_order() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO write_order (tx_id) VALUES (NEW.tx_id); RETURN NEW; END $$;
      CREATE TRIGGER record_write_order BEFORE INSERT ON transactions FOR EACH ROW EXECUTE FUNCTION record_write_order();`);
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const writeOrder = async () => {
    const { rows } = await store.sql.query<{ tx_id: string }>('SELECT tx_id FROM write_order ORDER BY seq');
    await store.sql.query('TRUNCATE write_order');
    return rows.map((r) => r.tx_id);
  };
  const reversedAndInterleaved = (firstN: number) => {
    const rows = transactionFixtures(180, 'acc-order', firstN);
    return [...rows.filter((_, i) => i % 2 === 1).reverse(), ...rows.filter((_, i) => i % 2 === 0)];
  };
  const sorted = (ids: string[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  it('copies new rows in key order (the COPY fast path)', async () => {
    const before = store.copyStats;
    const rows = reversedAndInterleaved(10_000);
    expect(await store.upsertTransactions(rows)).toEqual({ inserted: 180, updated: 0, unchanged: 0 });
    expect(store.copyStats).toEqual({ attempts: before.attempts + 1, fallbacks: before.fallbacks });
    const order = await writeOrder();
    expect(order).toHaveLength(180);
    expect(order).toEqual(sorted(rows.map((r) => r.tx_id)));
  });

  it('inserts in key order through INSERT ... ON CONFLICT (a repeated key rules COPY out)', async () => {
    const rows = reversedAndInterleaved(20_000);
    const attempts = store.copyStats.attempts;
    await store.upsertTransactions([...rows, rows[0]!]);
    expect(store.copyStats.attempts).toBe(attempts);
    const order = await writeOrder();
    // Round one writes all 180 in key order, then round two the repeat (a BEFORE INSERT trigger
    // fires before ON CONFLICT turns the insert into an update).
    expect(order).toEqual([...sorted(rows.map((r) => r.tx_id)), rows[0]!.tx_id]);
  });
});
