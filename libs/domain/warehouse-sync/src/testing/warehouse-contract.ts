import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import { WarehouseLockedError, WatermarkConflictError } from '../sync-once/sync-errors.ts';
import type { Warehouse, WarehouseHooks } from '../sync-once/warehouse.port.ts';
import { canonicalRow } from './canonical-values.ts';
import { batch, CONTRACT_OTHER_TABLE, CONTRACT_TABLE, item, tombstone } from './contract-fixtures.ts';
import type { WarehouseRow } from './in-memory-warehouse.ts';

/** One fresh, empty backend per test (its own file, database or schema). */
export interface WarehouseContractBackend {
  /** A new handle on this backend; calling it twice gives two handles on the same data (lock tests). */
  open(hooks?: WarehouseHooks): Promise<Warehouse>;
  /**
   * Every row of the table, tombstones included, read back with the port's value types: money as
   * '12.30', timestamps as ISO strings with offset, bigint columns and _change_seq as bigint.
   */
  readRows(table: SyncTableSpec): Promise<WarehouseRow[]>;
  /** Removes what the backend created. */
  dispose(): Promise<void>;
}

export type WarehouseContractFactory = () => Promise<WarehouseContractBackend>;

const byKey = (spec: SyncTableSpec) => (a: WarehouseRow, b: WarehouseRow) =>
  String(a[spec.key]).localeCompare(String(b[spec.key]));

/**
 * The Warehouse contract (architecture §2): every adapter runs it against its real backend.
 * Backend-neutral: it only uses the port plus the backend's readRows.
 */
export function describeWarehouseContract(name: string, factory: WarehouseContractFactory): void {
  describe(`Warehouse contract: ${name}`, () => {
    let backend: WarehouseContractBackend;
    let warehouse: Warehouse;
    const opened: Warehouse[] = [];
    const open = async (hooks?: WarehouseHooks) => {
      const handle = await backend.open(hooks);
      opened.push(handle);
      await handle.ensureSchema([CONTRACT_TABLE, CONTRACT_OTHER_TABLE]);
      return handle;
    };
    const rows = async (spec: SyncTableSpec = CONTRACT_TABLE) =>
      (await backend.readRows(spec)).map((r) => canonicalRow(spec, r) as WarehouseRow).sort(byKey(spec));
    const live = async (spec: SyncTableSpec = CONTRACT_TABLE) => (await rows(spec)).filter((r) => !r._deleted);

    beforeEach(async () => {
      backend = await factory();
      warehouse = await open();
    });
    afterEach(async () => {
      for (const handle of opened.splice(0)) await handle.close();
      await backend.dispose();
    });

    it('starts empty with no watermark, and ensureSchema is idempotent', async () => {
      await warehouse.ensureSchema([CONTRACT_TABLE, CONTRACT_OTHER_TABLE]);
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toBeNull();
      expect(await rows()).toEqual([]);
    });

    it('loads every logical type exactly and stores the horizon with the last batch', async () => {
      await warehouse.applyBatch(
        batch([item('a', 5n), item('b', 6n, { label: null, amount: '0.05', flag: false, big: -1n, small: 0, happened_at: '2026-01-01T23:30:00.5+02:00' })], [], {
          fromXid: 0n,
          toXid: 100n,
        }),
      );
      const [a, b] = await rows();
      expect(a).toMatchObject({ item_id: 'a', label: 'label a', amount: '12.30', happened_at: '2026-10-03T08:15:00.123456Z' });
      expect(a).toMatchObject({ flag: true, big: 9_007_199_254_740_993n, small: -7, _change_seq: 5n, _deleted: false });
      expect(b).toMatchObject({ label: null, amount: '0.05', flag: false, big: -1n, small: 0 });
      expect(b?.happened_at).toBe('2026-01-01T21:30:00.500000Z');
      expect(typeof a?._synced_at).toBe('string');
      const mark = await warehouse.readWatermark(CONTRACT_TABLE.name);
      expect(mark).toMatchObject({ table: CONTRACT_TABLE.name, horizon: 100n, maxChangeSeq: 6n });
      expect(await warehouse.readWatermark(CONTRACT_OTHER_TABLE.name)).toBeNull();
    });

    it('keeps the horizon until the last batch of a window, while data lands batch by batch', async () => {
      await warehouse.applyBatch(batch([item('a', 1n)], [], { fromXid: 0n, toXid: 50n }));
      await warehouse.applyBatch(batch([item('b', 2n)], [], { fromXid: 50n, toXid: 90n, done: false }));
      expect((await warehouse.readWatermark(CONTRACT_TABLE.name))?.horizon).toBe(50n);
      expect((await rows()).map((r) => r.item_id)).toEqual(['a', 'b']);
      await warehouse.applyBatch(batch([item('c', 3n)], [], { fromXid: 50n, toXid: 90n, done: true }));
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toMatchObject({ horizon: 90n, maxChangeSeq: 3n });
    });

    it('MERGE by key is idempotent, one row per key, and the last batch wins', async () => {
      const first = batch([item('a', 10n, { amount: '1.00' }), item('b', 11n)], [], { fromXid: 0n, toXid: 20n, done: false });
      await warehouse.applyBatch(first);
      await warehouse.applyBatch(first);
      expect((await rows()).map((r) => [r.item_id, r.amount, r._change_seq])).toEqual([
        ['a', '1.00', 10n],
        ['b', '12.30', 11n],
      ]);
      // Later batches carry later states; change_seq is stored, never used to order (see the port).
      await warehouse.applyBatch(batch([item('a', 9n, { amount: '2.00', label: null })], [], { fromXid: 0n, toXid: 20n }));
      expect((await rows()).map((r) => [r.item_id, r.amount, r.label, r._change_seq])).toEqual([
        ['a', '2.00', null, 9n],
        ['b', '12.30', 'label b', 11n],
      ]);
    });

    it('turns deletes into tombstones, also for keys it never saw, and revives on a newer upsert', async () => {
      await warehouse.applyBatch(batch([item('a', 1n), item('b', 2n)], [], { fromXid: 0n, toXid: 10n }));
      await warehouse.applyBatch(batch([], [tombstone('a', 3n), tombstone('ghost', 4n)], { fromXid: 10n, toXid: 20n }));
      const all = await rows();
      expect(all.map((r) => [r.item_id, r._deleted, r._change_seq])).toEqual([
        ['a', true, 3n],
        ['b', false, 2n],
        ['ghost', true, 4n],
      ]);
      // The tombstone keeps the last known values, for audits.
      expect(all[0]).toMatchObject({ label: 'label a', amount: '12.30' });
      // Deleting again is harmless; a later upsert revives the row.
      await warehouse.applyBatch(batch([], [tombstone('a', 3n)], { fromXid: 20n, toXid: 30n }));
      expect((await live()).map((r) => r.item_id)).toEqual(['b']);
      await warehouse.applyBatch(batch([item('a', 5n, { label: 'back' })], [], { fromXid: 30n, toXid: 40n }));
      expect((await live()).map((r) => [r.item_id, r.label])).toEqual([
        ['a', 'back'],
        ['b', 'label b'],
      ]);
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toMatchObject({ horizon: 40n, maxChangeSeq: 5n });
    });

    it('applies nothing, data or watermark, when the batch fails between load and watermark', async () => {
      await warehouse.applyBatch(batch([item('a', 1n)], [], { fromXid: 0n, toXid: 10n }));
      const failing = await open({
        beforeWatermark: () => {
          throw new Error('injected failure between load and watermark');
        },
      });
      await expect(
        failing.applyBatch(batch([item('a', 2n, { amount: '99.99' }), item('b', 3n)], [tombstone('zzz', 4n)], { fromXid: 10n, toXid: 20n })),
      ).rejects.toThrow('injected failure');
      await failing.close();
      expect((await rows()).map((r) => [r.item_id, r.amount, r._change_seq])).toEqual([['a', '12.30', 1n]]);
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toMatchObject({ horizon: 10n, maxChangeSeq: 1n });
      // The same batch succeeds on retry: the sync converges.
      await warehouse.applyBatch(batch([item('a', 2n, { amount: '99.99' }), item('b', 3n)], [tombstone('zzz', 4n)], { fromXid: 10n, toXid: 20n }));
      expect((await rows()).map((r) => [r.item_id, r.amount, r._deleted])).toEqual([
        ['a', '99.99', false],
        ['b', '12.30', false],
        ['zzz', null, true],
      ]);
    });

    it('refuses a batch whose window does not start at the stored horizon, applying nothing', async () => {
      await warehouse.applyBatch(batch([item('a', 1n)], [], { fromXid: 0n, toXid: 10n }));
      await expect(warehouse.applyBatch(batch([item('b', 2n)], [], { fromXid: 5n, toXid: 20n }))).rejects.toBeInstanceOf(
        WatermarkConflictError,
      );
      expect((await rows()).map((r) => r.item_id)).toEqual(['a']);
      expect((await warehouse.readWatermark(CONTRACT_TABLE.name))?.horizon).toBe(10n);
    });

    it('full refresh empties one table and forgets its watermark, leaving others alone', async () => {
      await warehouse.applyBatch(batch([item('a', 1n)], [tombstone('b', 2n)], { fromXid: 0n, toXid: 10n }));
      await warehouse.applyBatch(batch([{ other_id: 'o', note: 'keep', _change_seq: 3n }], [], { fromXid: 0n, toXid: 10n }, CONTRACT_OTHER_TABLE));
      await warehouse.fullRefresh(CONTRACT_TABLE.name);
      expect(await rows()).toEqual([]);
      expect(await warehouse.readWatermark(CONTRACT_TABLE.name)).toBeNull();
      expect((await rows(CONTRACT_OTHER_TABLE)).map((r) => r.note)).toEqual(['keep']);
      expect((await warehouse.readWatermark(CONTRACT_OTHER_TABLE.name))?.horizon).toBe(10n);
      await warehouse.applyBatch(batch([item('c', 4n)], [], { fromXid: 0n, toXid: 30n }));
      expect((await rows()).map((r) => r.item_id)).toEqual(['c']);
    });

    it('lets only one holder of a named lock run at a time, across handles', async () => {
      const other = await open();
      let otherRan = false;
      let release: () => void = () => undefined;
      let entered: () => void = () => undefined;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const held = warehouse.withLock('warehouse-sync', () => {
        entered();
        return new Promise<string>((resolve) => (release = () => resolve('first done')));
      });
      await inside;
      const refused = await other
        .withLock('warehouse-sync', async () => {
          otherRan = true;
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(refused).toBeInstanceOf(WarehouseLockedError);
      expect(otherRan).toBe(false);
      release();
      expect(await held).toBe('first done');
      // Released (also when fn throws), so the other handle may take it now.
      await expect(other.withLock('warehouse-sync', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await other.withLock('warehouse-sync', async () => 'second done')).toBe('second done');
    });

    it('keeps everything across close and reopen', async () => {
      await warehouse.applyBatch(batch([item('a', 1n)], [], { fromXid: 0n, toXid: 10n }));
      await warehouse.close();
      const reopened = await open();
      expect(await reopened.readWatermark(CONTRACT_TABLE.name)).toMatchObject({ horizon: 10n, maxChangeSeq: 1n });
      expect((await rows()).map((r) => r.item_id)).toEqual(['a']);
    });

    it('loads a large batch completely', async () => {
      const many = Array.from({ length: 5_000 }, (_, i) => item(`k${String(i).padStart(5, '0')}`, BigInt(i + 1), { amount: `${i}.${String(i % 100).padStart(2, '0')}` }));
      await warehouse.applyBatch(batch(many, [], { fromXid: 0n, toXid: 10n }));
      const loaded = await rows();
      expect(loaded).toHaveLength(5_000);
      expect(loaded[4_321]).toMatchObject({ item_id: 'k04321', amount: '4321.21', _change_seq: 4_322n });
    });

    it('adds columns that a spec gained later, as NULL for rows already loaded', async () => {
      await warehouse.applyBatch(batch([item('a', 1n)], [], { fromXid: 0n, toXid: 10n }));
      const grown: SyncTableSpec = { ...CONTRACT_TABLE, columns: [...CONTRACT_TABLE.columns, { name: 'extra', type: 'money' }] };
      await warehouse.ensureSchema([grown]);
      await warehouse.applyBatch(batch([item('b', 2n, { extra: '3.10' })], [], { fromXid: 10n, toXid: 20n }, grown));
      expect((await rows(grown)).map((r) => [r.item_id, r.extra])).toEqual([
        ['a', null],
        ['b', '3.10'],
      ]);
    });
  });
}
