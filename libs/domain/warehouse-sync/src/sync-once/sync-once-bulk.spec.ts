import { describe, expect, it } from 'vitest';
import { InMemoryChangeFeed } from '../testing/in-memory-change-feed.ts';
import { InMemoryWarehouse, InMemoryWarehouseStore } from '../testing/in-memory-warehouse.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import { syncOnce } from './sync-once.ts';
import type { ExportWindowRequest, WindowExport } from './window-export.port.ts';
import type { WatermarkAdvance } from './warehouse.port.ts';

const items: SyncTableSpec = { name: 'items', key: 'id', columns: [{ name: 'id', type: 'string' }] };

// The choice between the bulk path (a whole window export) and pages: every non-empty window goes
// bulk when the feed and the warehouse both offer it, else pages.
describe('syncOnce bulk window loads', () => {
  function setup(withLoader: boolean, tables: readonly SyncTableSpec[] = [items]) {
    const feed = new InMemoryChangeFeed();
    const exports: ExportWindowRequest[] = [];
    const loads: WatermarkAdvance[] = [];
    const exporter = {
      exportWindow: (request: ExportWindowRequest): Promise<WindowExport> => {
        exports.push(request);
        return Promise.resolve({ table: request.table, chunks: (async function* () {})() });
      },
    };
    const warehouse = new InMemoryWarehouse(new InMemoryWarehouseStore());
    const changeFeed = Object.assign(Object.create(feed) as InMemoryChangeFeed, { exporter });
    const bulkWarehouse = withLoader
      ? Object.assign(Object.create(warehouse) as InMemoryWarehouse, {
          windowLoader: {
            loadWindow: async ({ table }: WindowExport, watermark: WatermarkAdvance) => {
              loads.push(watermark);
              // Stand-in for the real load: the window's rows, applied as one batch.
              const page = await feed.readChanges({ table, fromXid: watermark.fromXid, toXid: watermark.toXid, limit: 1_000 });
              await warehouse.applyBatch({ table, upserts: page.rows, deletes: page.deletes, watermark });
              return { upserted: page.rows.length, deleted: page.deletes.length };
            },
          },
        })
      : warehouse;
    const sync = () => syncOnce({ changeFeed, warehouse: bulkWarehouse, batchSize: 2 }, { tables });
    return { feed, warehouse, exports, loads, sync };
  }

  it('loads every window, the first and the increments, in one bulk load ending the window', async () => {
    const { feed, warehouse, exports, loads, sync } = setup(true);
    feed.write((tx) => ['a', 'b', 'c', 'd', 'e'].forEach((id) => tx.upsert(items, { id })));
    const [first] = await sync();
    const horizon = await feed.horizon();
    expect(exports).toEqual([{ table: items, fromXid: 0n, toXid: horizon }]);
    expect(loads).toEqual([{ fromXid: 0n, toXid: horizon, done: true }]);
    expect(first).toMatchObject({ upserted: 5, pages: 1, watermarkAfter: horizon });

    feed.write((tx) => ['f', 'g', 'h'].forEach((id) => tx.upsert(items, { id })));
    const [second] = await sync();
    const next = await feed.horizon();
    expect(exports).toEqual([
      { table: items, fromXid: 0n, toXid: horizon },
      { table: items, fromXid: horizon, toXid: next },
    ]);
    expect(second).toMatchObject({ upserted: 3, pages: 1, watermarkBefore: horizon, watermarkAfter: next });
    expect(warehouse.rows('items').map((r) => r.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);

    const [noop] = await sync();
    expect(exports).toHaveLength(2); // an empty window exports nothing
    expect(noop).toMatchObject({ upserted: 0, pages: 0 });
  });

  it('exports no window for a table without a change in it, and stores its horizon all the same', async () => {
    const others: SyncTableSpec = { name: 'others', key: 'id', columns: [{ name: 'id', type: 'string' }] };
    const { feed, warehouse, exports, sync } = setup(true, [items, others]);
    feed.write((tx) => tx.upsert(items, { id: 'a' }));
    const reports = await sync();
    const horizon = await feed.horizon();
    expect(exports.map((e) => e.table.name)).toEqual(['items']);
    expect(reports.map((r) => [r.table, r.upserted, r.watermarkAfter])).toEqual([
      ['items', 1, horizon],
      ['others', 0, horizon],
    ]);
    expect((await warehouse.readWatermark('others'))?.horizon).toBe(horizon);
  });

  it('pages when the warehouse cannot load a window export', async () => {
    const { feed, exports, sync } = setup(false);
    feed.write((tx) => ['a', 'b', 'c'].forEach((id) => tx.upsert(items, { id })));
    const [first] = await sync();
    expect(exports).toEqual([]);
    expect(first).toMatchObject({ upserted: 3, pages: 2 });
  });
});
