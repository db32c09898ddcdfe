import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbWarehouse } from '@ledgerline/duckdb';
import { openPostgres, type PostgresChangeFeed, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { DEFAULT_SYNC_TABLES, syncOnce, type ChangeFeed, type SyncTableSpec, type TableSyncReport, type WarehouseHooks } from '@ledgerline/warehouse-sync';
import { probeStore } from '@ledgerline/postgres/testing';

export interface SyncRunOptions {
  batchSize?: number;
  hooks?: WarehouseHooks;
  tables?: readonly SyncTableSpec[];
  fullRefresh?: boolean;
  /** Page through readChanges/applyBatch (the PGlite and Snowflake path) instead of the bulk window load. */
  paged?: boolean;
  /** Wraps the change feed the sync reads (fault and race tests). */
  wrapFeed?: (feed: ChangeFeed) => ChangeFeed;
}

/** A fresh operational database (migrated) and a DuckDB warehouse file in a temp dir. */
export interface SyncHarness {
  readonly database: TestDatabase;
  readonly store: PostgresTransactionStore;
  readonly feed: PostgresChangeFeed;
  readonly warehousePath: string;
  readonly dir: string;
  /** One sync of the given tables (default all), opening and closing the warehouse like the app. */
  sync(options?: SyncRunOptions): Promise<TableSyncReport[]>;
  /**
   * Syncs until the horizon has passed every transaction that had started when called. xids are
   * cluster-wide, so other tests' open transactions (other databases) can hold a horizon back.
   */
  syncSettled(options?: Pick<SyncRunOptions, 'batchSize' | 'paged'>): Promise<TableSyncReport[]>;
  /**
   * Waits until the change feed's horizon has passed every transaction that had started when
   * called, without syncing: a test that counts pages or rows of the next sync needs every row it
   * wrote inside that sync's window, and another test's open transaction (any database of the
   * cluster) can hold the horizon back for a while on a loaded machine.
   */
  awaitHorizon(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createSyncHarness(prefix: string): Promise<SyncHarness> {
  const database = await createTestDatabase(prefix);
  const postgres = await openPostgres({ url: database.url, poolSize: 4 });
  const { store, changeFeed: feed } = postgres;
  await store.migrate();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const warehousePath = join(dir, 'warehouse.duckdb');

  const sync: SyncHarness['sync'] = async (options = {}) => {
    const warehouse = new DuckDbWarehouse({ path: warehousePath, hooks: options.hooks });
    try {
      // Without the exporter the sync pages, as it does on backends that cannot stream a window.
      const base: ChangeFeed = options.paged ? pagedOnly(feed) : feed;
      const changeFeed = options.wrapFeed ? options.wrapFeed(base) : base;
      return await syncOnce(
        { changeFeed, warehouse, batchSize: options.batchSize ?? 1_000 },
        { tables: options.tables ?? DEFAULT_SYNC_TABLES, fullRefresh: options.fullRefresh },
      );
    } finally {
      await warehouse.close();
    }
  };

  return {
    database,
    store,
    feed,
    warehousePath,
    dir,
    sync,
    async syncSettled(options = {}) {
      const target = BigInt(await probeStore(store).snapshotXmax());
      const deadline = Date.now() + 30_000;
      for (;;) {
        const reports = await sync(options);
        if (reports.every((r) => r.watermarkAfter >= target) || Date.now() > deadline) return reports;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async awaitHorizon() {
      const target = BigInt(await probeStore(store).snapshotXmax());
      const deadline = Date.now() + 30_000;
      while ((await feed.horizon()) < target) {
        if (Date.now() > deadline) throw new Error(`the change feed's horizon did not pass ${target} within 30 s: an open transaction on the cluster holds it`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async dispose() {
      await store.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The feed without its bulk path, in its snapshots too: the sync pages as on PGlite and Snowflake. */
export function pagedOnly(feed: ChangeFeed): ChangeFeed {
  return {
    horizon: () => feed.horizon(),
    readChanges: (request) => feed.readChanges(request),
    snapshot: (work) => feed.snapshot((snapshot) => work({ horizon: snapshot.horizon, readChanges: (request) => snapshot.readChanges(request) })),
  };
}
