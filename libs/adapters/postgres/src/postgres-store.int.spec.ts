import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { accountFixture, customerFixture, transactionFixture, transactionFixtures } from '@ledgerline/ingestion/testing';
import { createPostgresStore, type PostgresTransactionStore } from './index.ts';
import { MIGRATIONS } from './schema/migrations/index.ts';

// Real-PostgreSQL behaviour beyond the port contract: several connections at once, change
// tracking for the warehouse sync, and the guard against using the outer store inside a transaction.
describe('PostgresTransactionStore on PostgreSQL', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;

  beforeAll(async () => {
    database = await createTestDatabase('store_pg');
    store = await createPostgresStore({ url: database.url, poolSize: 4 });
    await store.migrate();
    await store.upsertCustomers([customerFixture(1)]);
    await store.upsertAccounts([accountFixture(1, 'cus-00001')]);
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('migrates concurrently from several processes without racing (advisory lock)', async () => {
    const fresh = await createTestDatabase('store_pg_migrate');
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ url: fresh.url, poolSize: 1 })));
    try {
      await Promise.all(stores.map((s) => s.migrate()));
      const { rows } = await stores[0]!.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]?.n).toBe(MIGRATIONS.length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await fresh.drop();
    }
  });

  it('indexes transactions only where the store reads: key, per-account history, change feed', async () => {
    // Every index costs each streamed row CPU (docs/stream.md, "Performance"); one more needs a reader.
    const { rows } = await store.sql.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'transactions' ORDER BY indexname`,
    );
    expect(rows.map((r) => r.indexdef.replace(/^.* USING btree /, ''))).toEqual(['(account_id, occurred_at)', '(change_xid, change_seq)', '(tx_id)']);
  });

  it('ends concurrent overlapping upserts from two connections with every tx_id once and exact counts', async () => {
    // Small statements and several rounds make the two writers interleave for real.
    const writerA = await createPostgresStore({ url: database.url, poolSize: 1, chunkSize: 250 });
    const writerB = await createPostgresStore({ url: database.url, poolSize: 1, chunkSize: 250 });
    try {
      for (let round = 0; round < 3; round += 1) {
        const base = 1_000_000 + round * 10_000;
        const all = transactionFixtures(4_000, 'acc-00001', base);
        const shuffle = <T>(rows: T[]) => rows.map((r, i) => ({ r, k: (i * 7_919) % rows.length })).sort((x, y) => x.k - y.k).map((x) => x.r);
        const forA = shuffle(all.slice(0, 2_800)); // overlap: rows 1200..2799 go to both writers
        const forB = shuffle(all.slice(1_200));
        const [a, b] = await Promise.all([writerA.upsertTransactions(forA), writerB.upsertTransactions(forB)]);
        expect(a.inserted + b.inserted).toBe(4_000);
        expect(a.unchanged + b.unchanged).toBe(1_600);
        expect(a.updated + b.updated).toBe(0);

        const { rows } = await store.sql.query<{ n: number; distinct_ids: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT tx_id)::int AS distinct_ids FROM transactions WHERE tx_id = ANY($1)',
          [all.map((t) => t.tx_id)],
        );
        expect(rows[0]).toEqual({ n: 4_000, distinct_ids: 4_000 });
      }
    } finally {
      await writerA.close();
      await writerB.close();
    }
  });

  it('stamps change_xid so that a watermark below the reader snapshot xmin never skips an in-flight row', async () => {
    const row = transactionFixture(2_000_001, 'acc-00001');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let upserted!: () => void;
    const written = new Promise<void>((resolve) => (upserted = resolve));
    let writerXid = '';
    // The writer upserts and keeps its transaction open ...
    const writing = store.withTransaction(async (tx) => {
      await tx.upsertTransactions([row]);
      upserted();
      const xid = await store.sql.query<{ xid: string }>('SELECT 1 AS xid').catch((e: Error) => e);
      expect(xid).toBeInstanceOf(Error); // the outer store is refused inside the transaction
      await held;
    });
    const reader = await createPostgresStore({ url: database.url, poolSize: 1 });
    await written;
    try {
      // ... while a sync reader takes its snapshot: the open writer holds xmin down.
      const snapshot = await reader.sql.transaction(
        async (sql) => {
          const { rows } = await sql.query<{ xmin: string; visible: number }>(
            `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
                    (SELECT count(*)::int FROM transactions WHERE tx_id = $1) AS visible`,
            [row.tx_id],
          );
          return rows[0]!;
        },
        { isolation: 'REPEATABLE READ', readOnly: true },
      );
      expect(snapshot.visible).toBe(0);
      release();
      await writing;
      const { rows } = await reader.sql.query<{ change_xid: string }>('SELECT change_xid::text FROM transactions WHERE tx_id = $1', [
        row.tx_id,
      ]);
      writerXid = rows[0]!.change_xid;
      // The committed row sits at or above the watermark the reader would have stored: not skipped.
      expect(BigInt(writerXid) >= BigInt(snapshot.xmin)).toBe(true);
    } finally {
      release();
      await reader.close();
    }
  });

  it('restamps only real changes made with plain SQL, and leaves a tombstone on delete', async () => {
    const row = transactionFixture(3_000_001, 'acc-00001');
    await store.upsertTransactions([row]);
    const seqOf = async () =>
      (await store.sql.query<{ change_seq: string }>('SELECT change_seq FROM transactions WHERE tx_id = $1', [row.tx_id])).rows[0]
        ?.change_seq;
    const first = await seqOf();

    const noop = await store.sql.query('UPDATE transactions SET amount = amount WHERE tx_id = $1', [row.tx_id]);
    expect(noop.rowCount).toBe(0);
    expect(await seqOf()).toBe(first);

    await store.sql.query(`UPDATE transactions SET status = 'REVERSED' WHERE tx_id = $1`, [row.tx_id]);
    const second = await seqOf();
    expect(BigInt(second!) > BigInt(first!)).toBe(true);

    await store.sql.query('DELETE FROM transactions WHERE tx_id = $1', [row.tx_id]);
    const { rows } = await store.sql.query<{ table_name: string; row_key: string; change_seq: string }>(
      'SELECT table_name, row_key, change_seq FROM deleted_rows WHERE row_key = $1',
      [row.tx_id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.table_name).toBe('transactions');
    expect(BigInt(rows[0]!.change_seq) > BigInt(second!)).toBe(true);
  });

  it('refuses nested use of the outer store inside withTransaction instead of escaping the transaction', async () => {
    const outcome = store.withTransaction(async () => store.countTransactions());
    await expect(outcome).rejects.toThrow(/inside withTransaction/);
    await expect(store.withTransaction(async () => store.withTransaction(async () => 1))).rejects.toThrow(/inside withTransaction/);
  });
});
