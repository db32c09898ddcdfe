import { describe, expect, it } from 'vitest';
import { InMemoryChangeFeed } from '../testing/in-memory-change-feed.ts';
import { InMemoryWarehouse, InMemoryWarehouseStore } from '../testing/in-memory-warehouse.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import { SyncFailedError, WarehouseLockedError } from './sync-errors.ts';
import { SYNC_LOCK_NAME, syncOnce } from './sync-once.ts';

const items: SyncTableSpec = {
  name: 'items',
  key: 'id',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'money' },
  ],
};
const others: SyncTableSpec = { name: 'others', key: 'id', columns: [{ name: 'id', type: 'string' }] };

function setup(batchSize = 100) {
  const feed = new InMemoryChangeFeed();
  const store = new InMemoryWarehouseStore();
  const warehouse = new InMemoryWarehouse(store);
  const sync = (options: { fullRefresh?: boolean; tables?: SyncTableSpec[] } = {}) =>
    syncOnce({ changeFeed: feed, warehouse, batchSize }, { tables: options.tables ?? [items], fullRefresh: options.fullRefresh });
  const live = (table = 'items') =>
    warehouse
      .rows(table)
      .filter((r) => !r._deleted)
      .map((r) => [r.id, r.amount ?? null])
      .sort();
  return { feed, store, warehouse, sync, live };
}

describe('syncOnce', () => {
  it('loads everything on the first run and only the changes afterwards', async () => {
    const { feed, warehouse, sync, live } = setup();
    feed.write((tx) => ['a', 'b', 'c'].forEach((id) => tx.upsert(items, { id, amount: '1.00' })));
    const [first] = await sync();
    expect(first).toMatchObject({ table: 'items', rowsRead: 3, upserted: 3, deleted: 0, watermarkBefore: null, pages: 1 });
    expect(first?.watermarkAfter).toBe(await feed.horizon());

    feed.write((tx) => {
      tx.upsert(items, { id: 'b', amount: '2.00' });
      tx.delete(items, 'c');
    });
    const [second] = await sync();
    expect(second).toMatchObject({ rowsRead: 2, upserted: 1, deleted: 1, watermarkBefore: first?.watermarkAfter });
    expect(live()).toEqual([
      ['a', '1.00'],
      ['b', '2.00'],
    ]);
    expect(warehouse.rows('items').find((r) => r.id === 'c')?._deleted).toBe(true);

    const [noop] = await sync();
    expect(noop).toMatchObject({ rowsRead: 0, upserted: 0, deleted: 0 });
  });

  it('a sync whose horizon has not moved reads no page and writes nothing to the warehouse (issue #23: no-op < 50 ms)', async () => {
    const { feed, warehouse, sync } = setup();
    feed.write((tx) => tx.upsert(items, { id: 'a', amount: '1.00' }));
    await sync();
    const stored = await warehouse.readWatermark('items');
    let pagesRead = 0;
    let batchesApplied = 0;
    let schemaChecks = 0;
    const readChanges = feed.readChanges.bind(feed);
    const applyBatch = warehouse.applyBatch.bind(warehouse);
    const ensureSchema = warehouse.ensureSchema.bind(warehouse);
    feed.readChanges = (request) => (pagesRead++, readChanges(request));
    warehouse.applyBatch = (batch) => (batchesApplied++, applyBatch(batch));
    warehouse.ensureSchema = (tables) => (schemaChecks++, ensureSchema(tables));

    const [noop] = await sync();
    expect(noop).toMatchObject({ rowsRead: 0, pages: 0, watermarkBefore: stored?.horizon, watermarkAfter: stored?.horizon });
    // Nothing is written, so not even the schema is checked (on DuckDB, most of a no-op's time).
    expect({ pagesRead, batchesApplied, schemaChecks }).toEqual({ pagesRead: 0, batchesApplied: 0, schemaChecks: 0 });
    expect(await warehouse.readWatermark('items')).toEqual(stored);

    // Once a transaction finished, the window is not empty and the next sync ships it.
    feed.write((tx) => tx.upsert(items, { id: 'b', amount: '2.00' }));
    const [next] = await sync();
    expect(next).toMatchObject({ upserted: 1, pages: 1 });
    expect(batchesApplied).toBe(1);
  });

  it('ships a row whose transaction commits after a sync even though its sequence is lower', async () => {
    const { feed, warehouse, sync, live } = setup();
    const slow = feed.begin();
    slow.upsert(items, { id: 'early-seq', amount: '1.00' }); // draws the lower change_seq
    feed.write((tx) => tx.upsert(items, { id: 'late-seq', amount: '2.00' })); // commits first
    const [during] = await sync();
    // The horizon stops at the open transaction, so neither row is shipped yet: nothing is skipped.
    expect(during?.watermarkAfter).toBe(slow.xid);
    expect(live()).toEqual([]);
    slow.commit();
    await sync();
    expect(live()).toEqual([
      ['early-seq', '1.00'],
      ['late-seq', '2.00'],
    ]);
    expect(warehouse.rows('items')).toHaveLength(2);
  });

  it('pages through a large window and stores the horizon only with the last page', async () => {
    const { feed, sync, live, store } = setup(7);
    feed.write((tx) => Array.from({ length: 50 }, (_, i) => tx.upsert(items, { id: `k${String(i).padStart(2, '0')}`, amount: '1.00' })));
    const [report] = await sync();
    expect(report).toMatchObject({ rowsRead: 50, upserted: 50, pages: 8 });
    expect(live()).toHaveLength(50);
    expect(store.watermarks.get('items')?.horizon).toBe(report?.watermarkAfter);
  });

  it('leaves the watermark unchanged when a batch fails, and the next run converges without duplicates', async () => {
    const feed = new InMemoryChangeFeed();
    const store = new InMemoryWarehouseStore();
    let failures = 0;
    const flaky = new InMemoryWarehouse(store, {
      beforeWatermark: () => {
        if (failures-- > 0) throw new Error('disk full');
      },
    });
    feed.write((tx) => ['a', 'b'].forEach((id) => tx.upsert(items, { id, amount: '1.00' })));
    await syncOnce({ changeFeed: feed, warehouse: flaky, batchSize: 100 }, { tables: [items] });
    feed.write((tx) => tx.upsert(items, { id: 'a', amount: '5.00' }));
    failures = 1;
    const before = store.watermarks.get('items');
    const error = await syncOnce({ changeFeed: feed, warehouse: flaky, batchSize: 100 }, { tables: [items] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncFailedError);
    expect((error as SyncFailedError).failures).toMatchObject([{ table: 'items', reason: expect.stringContaining('disk full') }]);
    expect(store.watermarks.get('items')).toEqual(before);
    expect(flaky.rows('items').find((r) => r.id === 'a')?.amount).toBe('1.00');
    await syncOnce({ changeFeed: feed, warehouse: flaky, batchSize: 100 }, { tables: [items] });
    expect(flaky.rows('items').map((r) => [r.id, r.amount])).toEqual([
      ['a', '5.00'],
      ['b', '1.00'],
    ]);
  });

  it('keeps syncing the other tables when one fails, and names the failed one', async () => {
    const feed = new InMemoryChangeFeed();
    const warehouse = new InMemoryWarehouse(new InMemoryWarehouseStore(), {
      beforeWatermark: (table) => {
        if (table === 'items') throw new Error('items exploded');
      },
    });
    feed.write((tx) => {
      tx.upsert(items, { id: 'a', amount: '1.00' });
      tx.upsert(others, { id: 'o' });
    });
    const error = (await syncOnce({ changeFeed: feed, warehouse, batchSize: 10 }, { tables: [items, others] }).catch((e: unknown) => e)) as SyncFailedError;
    expect(error.message).toContain('items exploded');
    expect(error.completed.map((r) => r.table)).toEqual(['others']);
    expect(warehouse.rows('others')).toHaveLength(1);
  });

  it('refuses to run while another sync holds the warehouse lock', async () => {
    const { store, feed } = setup();
    const other = new InMemoryWarehouse(store);
    const run = () => syncOnce({ changeFeed: feed, warehouse: other, batchSize: 10 }, { tables: [items] });
    const blocked = await new InMemoryWarehouse(store).withLock(SYNC_LOCK_NAME, run).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(WarehouseLockedError);
    expect(store.watermarks.size).toBe(0);
  });

  it('full refresh reloads from scratch', async () => {
    const { feed, warehouse, sync, live } = setup();
    feed.write((tx) => tx.upsert(items, { id: 'a', amount: '1.00' }));
    await sync();
    // Someone damages the warehouse table; a full refresh repairs it from the source.
    warehouse.store.tables.get('items')?.set('junk', { id: 'junk', amount: '0.00', _change_seq: 1n, _deleted: false, _synced_at: '' });
    const [report] = await sync({ fullRefresh: true });
    expect(report).toMatchObject({ fullRefresh: true, upserted: 1 });
    expect(report?.watermarkBefore).not.toBeNull();
    expect(live()).toEqual([['a', '1.00']]);
  });

  it('refuses a horizon behind the stored watermark (a replaced database)', async () => {
    const { feed, sync } = setup();
    feed.write((tx) => tx.upsert(items, { id: 'a', amount: '1.00' }));
    await sync();
    const replaced = new InMemoryChangeFeed();
    const { warehouse } = setup();
    await syncOnce({ changeFeed: feed, warehouse, batchSize: 10 }, { tables: [items] });
    const error = (await syncOnce({ changeFeed: { horizon: async () => 1n, readChanges: replaced.readChanges.bind(replaced), snapshot: (work) => work({ horizon: 1n, readChanges: replaced.readChanges.bind(replaced) }) }, warehouse, batchSize: 10 }, { tables: [items] }).catch(
      (e: unknown) => e,
    )) as SyncFailedError;
    expect(error.failures[0]?.reason).toMatch(/full-refresh/);
  });

  it('reads every table in the snapshot of its horizon: a commit just before the first read waits for the next sync', async () => {
    const { feed, warehouse, sync } = setup();
    const txns: SyncTableSpec = { name: 'txns', key: 'id', columns: [{ name: 'id', type: 'string' }] };
    const accounts: SyncTableSpec = { name: 'accounts', key: 'id', columns: [{ name: 'id', type: 'string' }, { name: 'balance', type: 'money' }] };
    feed.write((tx) => {
      tx.upsert(txns, { id: 't1' });
      tx.upsert(accounts, { id: 'A', balance: '90.00' });
    });
    // The next transaction (another payment on the same account) commits after the sync took its
    // horizon, just before its first read: the race the main job's quiesce gate used to prevent.
    let raced = false;
    const race = () => {
      if (raced) return;
      raced = true;
      feed.write((tx) => {
        tx.upsert(txns, { id: 't2' });
        tx.upsert(accounts, { id: 'A', balance: '80.00' });
      });
    };
    const readChanges = feed.readChanges.bind(feed);
    feed.readChanges = (request) => (race(), readChanges(request));
    const snapshot = feed.snapshot.bind(feed);
    feed.snapshot = (work) => snapshot((view) => work({ ...view, readChanges: (request) => (race(), view.readChanges(request)) }));
    const state = () => ({
      txns: warehouse.rows('txns').map((r) => r.id).sort(),
      accounts: warehouse.rows('accounts').map((r) => [r.id, r.balance]),
    });

    await sync({ tables: [txns, accounts] });
    expect(raced).toBe(true);
    // One state of the store: t1 with the balance it produced. With separate reads, A's row had
    // moved past the horizon by the time it was read and the warehouse held t1 without it.
    expect(state()).toEqual({ txns: ['t1'], accounts: [['A', '90.00']] });
    await sync({ tables: [txns, accounts] });
    expect(state()).toEqual({ txns: ['t1', 't2'], accounts: [['A', '80.00']] });
  });

  it('converges to the source under a seeded random mix of writes, open transactions and syncs', async () => {
    const { feed, sync, live } = setup(5);
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const open: Array<ReturnType<typeof feed.begin>> = [];
    for (let round = 0; round < 20; round++) {
      for (let op = 0; op < 15; op++) {
        const tx = random() < 0.3 ? feed.begin() : undefined;
        const target = tx ?? feed.begin();
        const id = `k${Math.floor(random() * 25)}`;
        if (random() < 0.25) target.delete(items, id);
        else target.upsert(items, { id, amount: `${Math.floor(random() * 1000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}` });
        if (tx) open.push(tx);
        else target.commit();
      }
      // Commit or abort some of the open transactions in a random order.
      while (open.length > 0 && random() < 0.6) {
        const tx = open.splice(Math.floor(random() * open.length), 1)[0];
        if (random() < 0.85) tx?.commit();
        else tx?.rollback();
      }
      await sync();
    }
    for (const tx of open.splice(0)) tx.commit();
    await sync();
    const expected = [...feed.current('items').values()].map((r) => [r.id, r.amount]).sort();
    expect(live()).toEqual(expected);
  });
});
