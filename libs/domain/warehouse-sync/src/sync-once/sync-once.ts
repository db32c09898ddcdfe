import { silentLogger, type Logger } from '@ledgerline/logging';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import type { ChangeCursor, ChangeFeed, ChangePage, ChangeSnapshot } from './change-feed.port.ts';
import { collapseChanges } from './collapse-changes.ts';
import { describeError, SyncFailedError, WarehouseUnavailableError, WatermarkConflictError, type TableFailure } from './sync-errors.ts';
import type { TableSyncReport } from './sync-report.ts';
import type { SyncWatermark, Warehouse } from './warehouse.port.ts';

/** The lock every sync takes on its warehouse: two syncs never interleave their batches. */
export const SYNC_LOCK_NAME = 'warehouse-sync';

export interface SyncOnceDeps {
  readonly changeFeed: ChangeFeed;
  readonly warehouse: Warehouse;
  /** Rows + tombstones per change-feed page (SYNC_BATCH_SIZE). */
  readonly batchSize: number;
  readonly logger?: Logger;
}

export interface SyncOnceOptions {
  readonly tables: readonly SyncTableSpec[];
  /** Empty each table and forget its watermark first, then load everything. */
  readonly fullRefresh?: boolean;
}

/**
 * One sync of every given table from the change feed into the warehouse, under the warehouse
 * lock. The horizon h and every read come from one snapshot of the store (ChangeFeed.snapshot);
 * each table ships the changes of transactions in [stored horizon, h), as one bulk window load
 * where the snapshot and the warehouse both offer it, else page by page, and stores h with its
 * last page (docs/sync-watermark.md). The warehouse therefore holds one state of the store after
 * every sync: no table is ahead of another, and a row that every transaction touches (an account
 * balance) cannot slip past the window by changing between the horizon and its read.
 * A failing table does not stop the others; the run then rejects with SyncFailedError naming
 * every failed table, whose watermark stays at its last committed batch.
 */
export async function syncOnce(deps: SyncOnceDeps, options: SyncOnceOptions): Promise<TableSyncReport[]> {
  if (!Number.isInteger(deps.batchSize) || deps.batchSize < 1) throw new RangeError(`batchSize must be a positive integer`);
  const logger = deps.logger ?? silentLogger;
  const fullRefresh = options.fullRefresh ?? false;
  return deps.warehouse.withLock(SYNC_LOCK_NAME, async () => {
    const reports: TableSyncReport[] = [];
    const failures: TableFailure[] = [];
    const fail = (table: SyncTableSpec, error: unknown) => {
      const reason = describeError(error);
      logger.debug('table sync failed; its watermark stays at its last committed batch', { table: table.name, reason });
      failures.push({ table: table.name, reason, error });
    };
    const stored = new Map<string, SyncWatermark | null>();
    for (const table of options.tables) {
      try {
        stored.set(table.name, await deps.warehouse.readWatermark(table.name));
      } catch (error) {
        if (error instanceof WarehouseUnavailableError) throw error;
        fail(table, error);
      }
    }
    const pending = options.tables.filter((table) => stored.has(table.name));
    // Nothing finished since the last sync (one statement): every window is empty. Nothing will be
    // written, so neither the schema check (most of a no-op's time: the first catalog read of a
    // freshly opened DuckDB file) nor a snapshot (on PGlite, one that writers would wait for).
    const quick = fullRefresh ? undefined : await deps.changeFeed.horizon();
    if (quick !== undefined && pending.every((table) => stored.get(table.name)?.horizon === quick)) {
      for (const table of pending) reports.push(emptyWindow(table, stored.get(table.name) ?? null, quick));
    } else {
      try {
        await deps.warehouse.ensureSchema(options.tables);
      } catch (error) {
        throw asUnavailable(error, 'cannot prepare the warehouse schema');
      }
      await deps.changeFeed.snapshot(async (snapshot) => {
        for (const table of pending) {
          try {
            reports.push(await syncTable(deps, snapshot, table, stored.get(table.name) ?? null, fullRefresh, logger));
          } catch (error) {
            fail(table, error);
          }
        }
      });
    }
    if (failures.length > 0) throw new SyncFailedError(failures, reports);
    return reports;
  });
}

function emptyWindow(table: SyncTableSpec, before: SyncWatermark | null, horizon: bigint, started = performance.now()): TableSyncReport {
  return {
    table: table.name,
    rowsRead: 0,
    upserted: 0,
    deleted: 0,
    watermarkBefore: before?.horizon ?? null,
    watermarkAfter: horizon,
    pages: 0,
    fullRefresh: false,
    durationMs: Math.round(performance.now() - started),
  };
}

async function syncTable(
  deps: SyncOnceDeps,
  snapshot: ChangeSnapshot,
  table: SyncTableSpec,
  before: SyncWatermark | null,
  fullRefresh: boolean,
  logger: Logger,
): Promise<TableSyncReport> {
  const started = performance.now();
  const { horizon } = snapshot;
  if (fullRefresh) await deps.warehouse.fullRefresh(table.name);
  const fromXid = fullRefresh ? 0n : (before?.horizon ?? 0n);
  if (horizon < fromXid) {
    throw new WatermarkConflictError(
      table.name,
      `the operational store's horizon ${horizon} is behind the stored watermark ${fromXid}; ` +
        'was the database replaced or restored? Run with --full-refresh',
    );
  }

  // An empty window (no transaction finished since the last sync): nothing to read, and nothing
  // to store either (the horizon stays where it is).
  if (horizon === fromXid && !fullRefresh) return emptyWindow(table, before, horizon, started);

  const exporter = snapshot.exporter;
  const loader = deps.warehouse.windowLoader;
  // Every window goes the bulk path when both sides offer it: one COPY stream into one warehouse
  // transaction (issue #23), the initial load and the increments alike. The stream is parsed by
  // the warehouse while it arrives, so memory stays bounded without pages, and no row becomes a
  // JS object. Pages remain for the backends that cannot stream a window (PGlite, Snowflake).
  if (exporter && loader) {
    // Most increments change a few tables only (the horizon moves for every table at once): a
    // window without a change of this table costs one one-row probe and an empty batch that stores
    // its horizon, not a COPY, a pipe and a warehouse transaction that scans its RAW table.
    const probe = await snapshot.readChanges({ table, fromXid, toXid: horizon, limit: 1 });
    if (probe.rows.length + probe.deletes.length === 0) {
      await deps.warehouse.applyBatch({ table, upserts: [], deletes: [], watermark: { fromXid, toXid: horizon, done: true } });
      return { ...emptyWindow(table, before, horizon, started), pages: 1, fullRefresh };
    }
    logger.debug('loading window in bulk', { table: table.name, toXid: horizon.toString() });
    const windowExport = await exporter.exportWindow({ table, fromXid, toXid: horizon });
    const loaded = await loader.loadWindow(windowExport, { fromXid, toXid: horizon, done: true });
    logger.debug('window loaded in bulk', { table: table.name, ...loaded });
    return {
      table: table.name,
      rowsRead: loaded.upserted + loaded.deleted,
      upserted: loaded.upserted,
      deleted: loaded.deleted,
      watermarkBefore: before?.horizon ?? null,
      watermarkAfter: horizon,
      pages: 1,
      fullRefresh,
      durationMs: Math.round(performance.now() - started),
    };
  }

  let rowsRead = 0;
  let upserted = 0;
  let deleted = 0;
  let pages = 0;
  const read = (after: ChangeCursor | undefined) =>
    snapshot.readChanges({ table, fromXid, toXid: horizon, after, limit: deps.batchSize });
  // The next page is read while this one is applied: Postgres and the warehouse work in parallel.
  let pending: Promise<ChangePage> = read(undefined);
  for (;;) {
    const page = await pending;
    const done = page.nextCursor === undefined;
    if (!done) {
      pending = read(page.nextCursor);
      pending.catch(() => undefined); // awaited next round; a failed apply must not leave it unhandled
    }
    pages += 1;
    rowsRead += page.rows.length + page.deletes.length;
    const { upserts, deletes } = collapseChanges(table, page.rows, page.deletes);
    await deps.warehouse.applyBatch({ table, upserts, deletes, watermark: { fromXid, toXid: horizon, done } });
    upserted += upserts.length;
    deleted += deletes.length;
    logger.debug('batch applied', { table: table.name, page: pages, upserts: upserts.length, deletes: deletes.length, done });
    if (done) break;
  }

  return {
    table: table.name,
    rowsRead,
    upserted,
    deleted,
    watermarkBefore: before?.horizon ?? null,
    watermarkAfter: horizon,
    pages,
    fullRefresh,
    durationMs: Math.round(performance.now() - started),
  };
}

function asUnavailable(error: unknown, what: string): Error {
  if (error instanceof WarehouseUnavailableError) return error;
  return new WarehouseUnavailableError(`${what}: ${describeError(error)}`, { cause: error });
}
