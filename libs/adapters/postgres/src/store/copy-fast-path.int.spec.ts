import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreConstraintError } from '@ledgerline/ingestion';
import { transactionFixture, transactionFixtures } from '@ledgerline/ingestion/testing';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { createPostgresStore, type PostgresTransactionStore } from '../index.ts';

// The COPY fast path of upsertTransactions on real PostgreSQL: new rows go through COPY, anything
// else falls back to INSERT ... ON CONFLICT with nothing of the attempt left behind.
describe('upsertTransactions: COPY fast path', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;

  beforeAll(async () => {
    database = await createTestDatabase('store_copy');
    store = await createPostgresStore({ url: database.url, poolSize: 2, chunkSize: 100 });
    await store.migrate();
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const payloadOf = async (txIds: string[]) =>
    (
      await store.sql.query<Record<string, unknown>>(
        `SELECT * FROM transactions WHERE tx_id = ANY($1) ORDER BY tx_id`,
        [txIds],
      )
    ).rows;

  /** Skips the back-off left by an earlier fallback (one new row per call, through the INSERT path). */
  const drainBackoff = async (firstN: number) => {
    for (let i = 0; i < 16; i += 1) await store.upsertTransactions([transactionFixture(firstN + i, 'acc-drain')]);
  };

  it('stores new rows with COPY, values and change stamps as the INSERT path writes them', async () => {
    const before = store.copyStats;
    // 250 rows in chunks of 100: one COPY fed in three pieces.
    const rows = transactionFixtures(250, 'acc-copy', 10_000);
    const result = await store.upsertTransactions(rows);
    expect(result).toEqual({ inserted: 250, updated: 0, unchanged: 0 });
    expect(store.copyStats).toEqual({ attempts: before.attempts + 1, fallbacks: before.fallbacks });

    // The same payloads under other keys through the INSERT path (a repeated key rules COPY out).
    const twins = rows.map((r) => ({ ...r, tx_id: `twin-${r.tx_id}` }));
    await store.upsertTransactions([...twins, twins[0]!]);
    expect(store.copyStats.attempts).toBe(before.attempts + 1);

    const copied = await payloadOf(rows.map((r) => r.tx_id));
    const inserted = await payloadOf(twins.map((r) => r.tx_id));
    const payload = (row: Record<string, unknown>) => {
      const { tx_id: _id, ingested_at: _i, updated_at: _u, change_seq: _s, change_xid: _x, ...rest } = row;
      return rest;
    };
    expect(copied.map(payload)).toEqual(inserted.map(payload));
    expect(copied.map(payload)[0]).toMatchObject({ description: rows[0]!.description, merchant: rows[0]!.merchant });
    // Stamped by the column defaults: one transaction, distinct increasing change_seq.
    const seqs = copied.map((r) => BigInt(String(r.change_seq)));
    expect(new Set(seqs).size).toBe(250);
    expect(new Set(copied.map((r) => String(r.change_xid))).size).toBe(1);
    expect(new Set(copied.map((r) => (r.ingested_at as Date).getTime())).size).toBe(1);
  });

  it('stamps an explicit ingestion time on rows it copies', async () => {
    const before = store.copyStats;
    const at = new Date('2025-12-01T09:30:00.000Z');
    const rows = transactionFixtures(3, 'acc-copy', 20_000);
    await store.upsertTransactions(rows, { ingestedAt: at });
    expect(store.copyStats.attempts).toBe(before.attempts + 1);
    const stored = await payloadOf(rows.map((r) => r.tx_id));
    expect(stored.map((r) => [(r.ingested_at as Date).toISOString(), (r.updated_at as Date).toISOString()])).toEqual(
      rows.map(() => [at.toISOString(), at.toISOString()]),
    );
  });

  it('falls back when a row is already stored: exact counts, no duplicates, the transaction goes on', async () => {
    const stored = transactionFixture(30_000, 'acc-copy');
    await store.upsertTransactions([stored]);
    const before = store.copyStats;
    const changed = { ...stored, status: 'REVERSED' as const };
    const result = await store.withTransaction(async (tx) => {
      const upserted = await tx.upsertTransactions([...transactionFixtures(99, 'acc-copy', 30_001), changed]);
      await tx.saveOffsets('copy-group', 'copy-topic', [{ partition: 0, offset: '100' }]);
      return upserted;
    });
    expect(result).toEqual({ inserted: 99, updated: 1, unchanged: 0 });
    expect(store.copyStats).toEqual({ attempts: before.attempts + 1, fallbacks: before.fallbacks + 1 });
    const rows = await payloadOf(transactionFixtures(100, 'acc-copy', 30_000).map((r) => r.tx_id));
    expect(rows).toHaveLength(100);
    expect(rows[0]?.status).toBe('REVERSED');
    expect(await store.loadOffsets('copy-group', 'copy-topic')).toEqual([{ partition: 0, offset: '100' }]);
    await drainBackoff(31_000);
  });

  it('falls back cleanly when the server refuses the COPY while later chunks are still being sent', async () => {
    // The smallest key is stored already, so PostgreSQL fails the COPY on its first row while the
    // client still has 29 chunks (of 100 rows) to write.
    await store.upsertTransactions([transactionFixture(60_000, 'acc-copy')]);
    const before = store.copyStats;
    const result = await store.upsertTransactions(transactionFixtures(3_000, 'acc-copy', 60_000));
    expect(result).toEqual({ inserted: 2_999, updated: 0, unchanged: 1 });
    expect(store.copyStats).toEqual({ attempts: before.attempts + 1, fallbacks: before.fallbacks + 1 });
    const { rows } = await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM transactions WHERE tx_id = ANY($1)`, [
      transactionFixtures(3_000, 'acc-copy', 60_000).map((r) => r.tx_id),
    ]);
    expect(rows[0]?.n).toBe(3_000);
    // The pooled connection is still usable for the next call.
    await drainBackoff(63_000);
    expect(await store.upsertTransactions([transactionFixture(64_000, 'acc-copy')])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
  });

  it('after a fallback, skips COPY for the next 16 calls and then tries again', async () => {
    await store.upsertTransactions([transactionFixture(40_000, 'acc-copy')]);
    const before = store.copyStats;
    await store.upsertTransactions([transactionFixture(40_000, 'acc-copy'), transactionFixture(40_001, 'acc-copy')]);
    expect(store.copyStats).toEqual({ attempts: before.attempts + 1, fallbacks: before.fallbacks + 1 });
    await drainBackoff(41_000);
    expect(store.copyStats.attempts).toBe(before.attempts + 1);
    await store.upsertTransactions([transactionFixture(42_000, 'acc-copy')]);
    expect(store.copyStats).toEqual({ attempts: before.attempts + 2, fallbacks: before.fallbacks + 1 });
  });

  it('reports a row that breaks a table rule exactly as the INSERT path does, storing none of the call', async () => {
    const before = store.copyStats;
    const rows = [...transactionFixtures(5, 'acc-copy', 50_000), transactionFixture(50_005, 'acc-copy', { amount: '0.00' })];
    const error = await store.upsertTransactions(rows).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreConstraintError);
    expect((error as StoreConstraintError).rowKey).toBe(rows[5]!.tx_id);
    expect(store.copyStats.fallbacks).toBe(before.fallbacks + 1);
    expect(await payloadOf(rows.map((r) => r.tx_id))).toEqual([]);
    await drainBackoff(51_000);
  });
});
