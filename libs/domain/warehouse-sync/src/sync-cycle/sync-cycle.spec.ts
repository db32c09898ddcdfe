import { describe, expect, it } from 'vitest';
import { DbtBuildFailedError } from '../dbt/dbt-run-results.ts';
import type { DbtBuildSummary, DbtRunner } from '../dbt/dbt-runner.port.ts';
import { InMemoryChangeFeed } from '../testing/in-memory-change-feed.ts';
import { InMemoryWarehouse } from '../testing/in-memory-warehouse.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import { runSyncCycle } from './sync-cycle.ts';

const items: SyncTableSpec = { name: 'items', key: 'id', columns: [{ name: 'id', type: 'string' }] };
const ok: DbtBuildSummary = { modelsBuilt: 2, testsPassed: 5, testsFailed: 0, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 1 };

class RecordingWarehouse extends InMemoryWarehouse {
  readonly events: string[] = [];
  override async close(): Promise<void> {
    this.events.push('close');
  }
}

function dbtReturning(summary: DbtBuildSummary, events: string[]): DbtRunner {
  return {
    build: async () => {
      events.push('dbt');
      return summary;
    },
  };
}

describe('runSyncCycle', () => {
  it('runs dbt only after a sync that changed rows, with the warehouse closed first', async () => {
    const feed = new InMemoryChangeFeed();
    const warehouse = new RecordingWarehouse();
    const deps = {
      changeFeed: feed,
      warehouse,
      batchSize: 10,
      dbt: dbtReturning(ok, warehouse.events),
      onTablesSynced: () => void warehouse.events.push('synced'),
    };
    feed.write((tx) => tx.upsert(items, { id: 'a' }));
    const first = await runSyncCycle(deps, { tables: [items] });
    expect(first.dbt).toEqual(ok);
    expect(warehouse.events).toEqual(['close', 'synced', 'dbt']);
    const second = await runSyncCycle(deps, { tables: [items] });
    expect(second.dbt).toBeNull();
    expect(warehouse.events).toEqual(['close', 'synced', 'dbt', 'close', 'synced']);
  });

  it('fails naming the failed dbt test, keeping the loaded data', async () => {
    const feed = new InMemoryChangeFeed();
    const warehouse = new RecordingWarehouse();
    const failed: DbtBuildSummary = {
      ...ok,
      testsFailed: 1,
      failures: [{ uniqueId: 'test.ledgerline.unique_tx_id', resourceType: 'test', status: 'fail', message: 'Got 1 result' }],
    };
    feed.write((tx) => tx.upsert(items, { id: 'a' }));
    const error = await runSyncCycle({ changeFeed: feed, warehouse, batchSize: 10, dbt: dbtReturning(failed, []) }, { tables: [items] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbtBuildFailedError);
    expect((error as Error).message).toContain('test.ledgerline.unique_tx_id');
    expect(warehouse.rows('items')).toHaveLength(1);
  });

  it('skips dbt when it is disabled', async () => {
    const feed = new InMemoryChangeFeed();
    feed.write((tx) => tx.upsert(items, { id: 'a' }));
    const result = await runSyncCycle({ changeFeed: feed, warehouse: new InMemoryWarehouse(), batchSize: 10 }, { tables: [items] });
    expect(result.dbt).toBeNull();
    expect(result.tables[0]?.upserted).toBe(1);
  });

  it('refreshes the derived tables after the load and before dbt, on every cycle', async () => {
    const feed = new InMemoryChangeFeed();
    const warehouse = new RecordingWarehouse();
    const derivedTables = {
      refresh: async () => {
        warehouse.events.push('derived');
        return `derived from ${warehouse.rows('items').length} rows`;
      },
    };
    const deps = { changeFeed: feed, warehouse, batchSize: 10, derivedTables, dbt: dbtReturning(ok, warehouse.events) };
    feed.write((tx) => tx.upsert(items, { id: 'a' }));
    expect((await runSyncCycle(deps, { tables: [items] })).derived).toBe('derived from 1 rows');
    expect(warehouse.events).toEqual(['close', 'derived', 'dbt']);
    await runSyncCycle(deps, { tables: [items] });
    expect(warehouse.events).toEqual(['close', 'derived', 'dbt', 'close', 'derived']);
  });

  it('keeps going when the derived tables fail to refresh: the load stands and dbt still runs', async () => {
    const feed = new InMemoryChangeFeed();
    const warehouse = new RecordingWarehouse();
    const derivedTables = { refresh: () => Promise.reject(new Error('file is locked')) };
    feed.write((tx) => tx.upsert(items, { id: 'a' }));
    const result = await runSyncCycle({ changeFeed: feed, warehouse, batchSize: 10, derivedTables, dbt: dbtReturning(ok, warehouse.events) }, { tables: [items] });
    expect(result.derived).toBeNull();
    expect(result.dbt).toEqual(ok);
    expect(warehouse.rows('items')).toHaveLength(1);
  });
});
