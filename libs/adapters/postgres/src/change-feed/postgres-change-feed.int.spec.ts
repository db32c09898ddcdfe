import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { TRANSACTIONS_SYNC_TABLE, type ChangeCursor, type RawRow } from '@ledgerline/warehouse-sync';
import { createPostgresStore } from '../factory.ts';
import type { PostgresTransactionStore } from '../store/postgres-transaction-store.ts';
import { PostgresChangeFeed } from './postgres-change-feed.ts';
import { ACCOUNT, CUSTOMER, insertTransactionSql, transaction } from './synthetic-rows.fixture.ts';

const table = TRANSACTIONS_SYNC_TABLE;

describe('PostgresChangeFeed on PostgreSQL', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;
  let feed: PostgresChangeFeed;

  beforeAll(async () => {
    database = await createTestDatabase('change_feed');
    store = await createPostgresStore({ url: database.url, poolSize: 4 });
    await store.migrate();
    await store.upsertCustomers([CUSTOMER]);
    await store.upsertAccounts([ACCOUNT]);
    feed = new PostgresChangeFeed(store.sql);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  // xids are cluster-wide: another test's open transaction, even in another database, holds the
  // horizon back too. So wait (bounded) until the horizon has passed every transaction that had
  // started when we asked: then the window holds exactly what this test wrote.
  async function settledHorizon(): Promise<bigint> {
    const next = await store.sql.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
    const target = BigInt(next.rows[0]?.xmax ?? '0');
    const deadline = Date.now() + 30_000;
    for (;;) {
      const horizon = await feed.horizon();
      if (horizon >= target || Date.now() > deadline) return horizon;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function readAll(fromXid: bigint, toXid: bigint, limit = 1_000) {
    const rows: RawRow[] = [];
    const deletes: Array<{ key: string; _change_seq: bigint }> = [];
    let after: ChangeCursor | undefined;
    let pages = 0;
    for (;;) {
      const page = await feed.readChanges({ table, fromXid, toXid, after, limit });
      pages += 1;
      rows.push(...page.rows);
      deletes.push(...page.deletes);
      if (!page.nextCursor) return { rows, deletes, pages };
      after = page.nextCursor;
    }
  }

  it('reads rows in the RAW shape: exact money, UTC microsecond timestamps, booleans, nulls, bigint sequence', async () => {
    const start = await settledHorizon();
    await store.upsertTransactions([transaction('T-SHAPE', { occurred_at: '2026-10-03T10:15:00.123+02:00', amount: '9999999999999.99', is_recurring: true })], {
      ingestedAt: new Date('2026-10-04T00:00:00.000Z'),
    });
    const { rows, deletes } = await readAll(start, await settledHorizon());
    expect(deletes).toEqual([]);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      tx_id: 'T-SHAPE',
      occurred_at: '2026-10-03T08:15:00.123000Z',
      amount: '9999999999999.99',
      normalized_amount: '12.30',
      is_recurring: true,
      subcategory: null,
      mcc: '5814',
      country: 'PT',
      ingested_at: '2026-10-04T00:00:00.000000Z',
    });
    expect(typeof row?._change_seq).toBe('bigint');
    expect(Object.keys(row ?? {}).sort()).toEqual([...table.columns.map((c) => c.name), '_change_seq'].sort());
  });

  it('pages through a window by (change_xid, change_seq), every change exactly once', async () => {
    const start = await settledHorizon();
    for (let batch = 0; batch < 5; batch++) {
      await store.upsertTransactions(Array.from({ length: 5 }, (_, i) => transaction(`T-PAGE-${batch}-${i}`)));
    }
    const { rows, pages } = await readAll(start, await settledHorizon(), 7);
    expect(rows.map((r) => r.tx_id).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `T-PAGE-${Math.floor(i / 5)}-${i % 5}`).sort(),
    );
    expect(pages).toBe(4);
    const seqs = rows.map((r) => r._change_seq);
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
  });

  it('holds the horizon at the oldest open writing transaction, which ships once it commits', async () => {
    const slow = new pg.Client({ connectionString: database.url });
    await slow.connect();
    try {
      const start = await settledHorizon();
      await slow.query('BEGIN');
      const { text, values } = insertTransactionSql(transaction('T-SLOW'));
      await slow.query(text, values);
      const slowXid = BigInt((await slow.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]?.xid ?? '0');
      await store.upsertTransactions([transaction('T-FAST')]); // later sequence, commits first

      const during = await feed.horizon();
      expect(during).toBeLessThanOrEqual(slowXid);
      expect((await readAll(start, during)).rows.map((r) => r.tx_id)).toEqual([]);

      await slow.query('COMMIT');
      const after = await settledHorizon();
      expect(after).toBeGreaterThan(slowXid);
      const shipped = (await readAll(during, after)).rows;
      expect(shipped.map((r) => r.tx_id).sort()).toEqual(['T-FAST', 'T-SLOW']);
      const bySeq = Object.fromEntries(shipped.map((r) => [r.tx_id, r._change_seq]));
      // The point of the horizon: the row with the LOWER sequence committed LAST and is still shipped.
      expect(bySeq['T-SLOW']).toBeLessThan(bySeq['T-FAST'] ?? 0n);
    } finally {
      await slow.end();
    }
  });

  it('snapshot(): its pages and window exports read the state of its horizon, whatever commits meanwhile', async () => {
    const writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
    try {
      await store.upsertTransactions([transaction('T-SNAP-KEPT'), transaction('T-SNAP-GONE')]);
      const start = await settledHorizon();
      await store.upsertTransactions([transaction('T-SNAP-1', { amount: '1.00' })]);
      await settledHorizon();
      const seen = await feed.snapshot(async (snapshot) => {
        // Commits of another session after the snapshot was taken: an update of a row in the
        // window (it moves above the horizon), a delete and a new row.
        await writer.query(`UPDATE transactions SET amount = 2.00 WHERE tx_id = 'T-SNAP-1'`);
        await writer.query(`DELETE FROM transactions WHERE tx_id = 'T-SNAP-GONE'`);
        const late = insertTransactionSql(transaction('T-SNAP-LATE'));
        await writer.query(late.text, late.values);
        const page = await snapshot.readChanges({ table, fromXid: start, toXid: snapshot.horizon, limit: 100 });
        const windowExport = await snapshot.exporter?.exportWindow({ table, fromXid: start, toXid: snapshot.horizon });
        let csv = '';
        for await (const chunk of windowExport?.chunks ?? []) csv += Buffer.from(chunk).toString('utf8');
        return { horizon: snapshot.horizon, page, exported: csv.trim().split('\n') };
      });
      expect(seen.page.rows.map((r) => [r.tx_id, r.amount])).toEqual([['T-SNAP-1', '1.00']]);
      expect(seen.page.deletes).toEqual([]);
      expect(seen.exported).toHaveLength(1);
      expect(seen.exported[0]).toMatch(/^T-SNAP-1,.*,1\.00,/);
      // Outside the snapshot, the same window no longer holds the row: it moved above the horizon.
      expect((await readAll(start, seen.horizon)).rows).toEqual([]);
      const next = await readAll(seen.horizon, await settledHorizon());
      expect(next.rows.map((r) => [r.tx_id, r.amount]).sort()).toEqual([['T-SNAP-1', '2.00'], ['T-SNAP-LATE', '12.30']]);
      expect(next.deletes.map((d) => d.key)).toEqual(['T-SNAP-GONE']);
    } finally {
      await writer.end();
    }
  });

  it('ships a tombstone for a deleted key, but not once the key exists again', async () => {
    await store.upsertTransactions([transaction('T-GONE'), transaction('T-BACK')]);
    const start = await settledHorizon();
    await store.sql.query(`DELETE FROM transactions WHERE tx_id IN ('T-GONE', 'T-BACK')`);
    const afterDelete = await settledHorizon();
    const deleted = await readAll(start, afterDelete);
    expect(deleted.rows).toEqual([]);
    expect(deleted.deletes.map((d) => d.key).sort()).toEqual(['T-BACK', 'T-GONE']);

    await store.upsertTransactions([transaction('T-BACK', { amount: '1.00' })]);
    const later = await readAll(start, await settledHorizon());
    expect(later.deletes.map((d) => d.key)).toEqual(['T-GONE']);
    expect(later.rows.map((r) => [r.tx_id, r.amount])).toEqual([['T-BACK', '1.00']]);
  });

  it('ignores identical replays and reads nothing outside the window', async () => {
    await store.upsertTransactions([transaction('T-SAME')]);
    const start = await settledHorizon();
    await store.upsertTransactions([transaction('T-SAME')]);
    const end = await settledHorizon();
    expect(await feed.readChanges({ table, fromXid: start, toXid: end, limit: 10 })).toEqual({ rows: [], deletes: [] });
    expect(await feed.readChanges({ table, fromXid: end, toXid: end, limit: 10 })).toEqual({ rows: [], deletes: [] });
  });
});
