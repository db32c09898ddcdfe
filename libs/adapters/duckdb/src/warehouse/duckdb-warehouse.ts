import type { DuckDBConnection } from '@duckdb/node-api';
import { silentLogger, type Logger } from '@ledgerline/logging';
import {
  WarehouseUnavailableError,
  WatermarkConflictError,
  type SyncTableSpec,
  type SyncWatermark,
  type Warehouse,
  type WarehouseBatch,
  type WarehouseHooks,
  type WatermarkAdvance,
  type WindowExport,
  type WindowLoader,
  type WindowLoadResult,
} from '@ledgerline/warehouse-sync';
import { leaseDuckDb, type DuckDbLease } from '../connection/shared-instances.ts';
import { microsToIso, quoteIdentifier as q } from '../connection/sql-text.ts';
import { createSupportTablesSql } from '../market/market-raw-ddl.ts';
import { acquireFileLock } from './file-lock.ts';
import { schemaIsComplete } from './schema-check.ts';
import { createStagingSql, insertTypedSql, mergeStagingSql, STAGING_TABLE } from './merge-batch-sql.ts';
import { addColumnSql, createRawTableSql, createSyncStateSql, rawTable, SYNC_STATE_TABLE } from './raw-table-ddl.ts';
import { stageBatch } from './stage-batch.ts';
import { withWindowRelation } from './window-pipe.ts';

export interface DuckDbWarehouseOptions {
  /** The warehouse file, e.g. data/warehouse.duckdb (WAREHOUSE_DUCKDB_PATH). */
  readonly path: string;
  /** The RAW contract's schema; `raw` unless a test wants another. */
  readonly schema?: string;
  readonly hooks?: WarehouseHooks;
  readonly logger?: Logger;
}

/**
 * The embedded warehouse: a DuckDB file with the RAW contract's tables. The file is opened on
 * first use and closed by close(), so that between syncs dbt (another process) can open it.
 * Each batch is staged with the appender into a temp table and MERGEd by key, and the
 * `_sync_state` row is written in the same DuckDB transaction.
 */
export class DuckDbWarehouse implements Warehouse {
  readonly path: string;
  private readonly schema: string;
  private readonly logger: Logger;
  private lease: Promise<DuckDbLease> | undefined;
  /** Set once ensureSchema ran on the open file: `_sync_state` exists, no need to look again. */
  private schemaEnsured = false;
  /**
   * Every `_sync_state` row, read by the first readWatermark of an open file (one statement for
   * all tables, where a no-op sync read one per table); dropped by every state write and on close.
   * Only this sync writes the state while it holds the sync lock.
   */
  private states: Promise<Map<string, SyncWatermark>> | undefined;

  constructor(private readonly options: DuckDbWarehouseOptions) {
    this.path = options.path;
    this.schema = options.schema ?? 'raw';
    this.logger = options.logger ?? silentLogger;
  }

  async ensureSchema(tables: readonly SyncTableSpec[]): Promise<void> {
    const db = await this.connection();
    if (await schemaIsComplete(db, this.schema, tables)) {
      this.schemaEnsured = true;
      return;
    }
    await db.run(`CREATE SCHEMA IF NOT EXISTS ${q(this.schema)}`);
    await db.run(createSyncStateSql(this.schema));
    // dbt's market models read these RAW tables: created empty with the warehouse, so a build
    // works (with no market rows) before any market backfill has run.
    for (const sql of createSupportTablesSql(this.schema)) await db.run(sql);
    for (const spec of tables) {
      await db.run(createRawTableSql(this.schema, spec));
      const existing = await this.columnsOf(db, spec.name);
      for (const column of spec.columns.filter((c) => !existing.has(c.name))) {
        this.logger.info('adding warehouse column', { table: spec.name, column: column.name, type: column.type });
        await db.run(addColumnSql(this.schema, spec.name, column));
      }
    }
    this.schemaEnsured = true;
  }

  async applyBatch(batch: WarehouseBatch): Promise<void> {
    const { table, upserts, deletes, watermark } = batch;
    const db = await this.connection();
    await db.run('BEGIN TRANSACTION');
    try {
      await this.assertHorizon(db, table.name, watermark.fromXid);
      if (upserts.length + deletes.length > 0) {
        await db.run(createStagingSql(table));
        const appender = await db.createAppender(STAGING_TABLE);
        try {
          stageBatch(appender, table, upserts, deletes);
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
        await db.run(mergeStagingSql(this.schema, table));
        await db.run(`DROP TABLE ${STAGING_TABLE}`);
      }
      await this.options.hooks?.beforeWatermark?.(table.name);
      await this.writeState(db, table.name, maxChangeSeq(batch), watermark.done ? watermark.toXid : watermark.fromXid);
      await db.run('COMMIT');
    } catch (error) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** The bulk path (issue #23): a whole window export, read by read_csv while it streams in, in one transaction. */
  readonly windowLoader: WindowLoader = { loadWindow: (windowExport, watermark) => this.loadWindow(windowExport, watermark) };

  private async loadWindow(windowExport: WindowExport, watermark: WatermarkAdvance): Promise<WindowLoadResult> {
    const { table } = windowExport;
    if (!watermark.done) throw new RangeError(`${table.name}: a window export is always the whole window (done)`);
    const db = await this.connection();
    await db.run('BEGIN TRANSACTION');
    try {
      await this.assertHorizon(db, table.name, watermark.fromXid);
      const target = rawTable(this.schema, table.name);
      // EXISTS stops at the first row; count(*) scanned the whole table on every increment.
      const empty = (await db.runAndReadAll(`SELECT EXISTS (SELECT 1 FROM ${target}) AS some`)).getRowObjectsJS()[0]?.some !== true;
      await withWindowRelation(windowExport, async (relation) => {
        await db.run(empty ? insertTypedSql(this.schema, table, relation) : mergeStagingSql(this.schema, table, relation));
      });
      // Counted from what this transaction wrote: now() is its start, so _synced_at = now() is
      // exactly the window's rows (the stream cannot be read twice).
      const reader = await db.runAndReadAll(
        `SELECT count(*) FILTER (WHERE NOT _deleted) AS upserted, count(*) FILTER (WHERE _deleted) AS deleted, max(_change_seq) AS max_seq
           FROM ${target} WHERE _synced_at = now()`,
      );
      const row = reader.getRowObjectsJS()[0];
      await this.options.hooks?.beforeWatermark?.(table.name);
      await this.writeState(db, table.name, toBigInt(row?.max_seq), watermark.toXid);
      await db.run('COMMIT');
      return { upserted: Number(toBigInt(row?.upserted) ?? 0n), deleted: Number(toBigInt(row?.deleted) ?? 0n) };
    } catch (error) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async assertHorizon(db: DuckDBConnection, table: string, fromXid: bigint): Promise<void> {
    const stored = (await this.readState(db, table))?.horizon ?? 0n;
    if (stored !== fromXid) throw new WatermarkConflictError(table, `stored horizon ${stored} differs from the batch's fromXid ${fromXid}`);
  }

  private async writeState(db: DuckDBConnection, table: string, maxSeq: bigint | null, horizon: bigint): Promise<void> {
    this.states = undefined;
    await db.run(
      `INSERT INTO ${rawTable(this.schema, SYNC_STATE_TABLE)} (table_name, watermark, xmin_horizon, updated_at)
       VALUES ($table, CAST($max_seq AS BIGINT), CAST($horizon AS BIGINT), now())
       ON CONFLICT (table_name) DO UPDATE SET
         watermark = CASE WHEN excluded.watermark IS NULL THEN watermark
                          WHEN watermark IS NULL THEN excluded.watermark
                          ELSE greatest(watermark, excluded.watermark) END,
         xmin_horizon = excluded.xmin_horizon,
         updated_at = excluded.updated_at`,
      { table, max_seq: maxSeq?.toString() ?? null, horizon: horizon.toString() },
    );
  }

  async readWatermark(table: string): Promise<SyncWatermark | null> {
    const db = await this.connection();
    const states = (this.states ??= this.readStates(db));
    states.catch(() => (this.states = undefined));
    return (await states).get(table) ?? null;
  }

  async fullRefresh(table: string): Promise<void> {
    const db = await this.connection();
    this.states = undefined;
    await db.run('BEGIN TRANSACTION');
    try {
      if (await this.tableExists(db, table)) await db.run(`DELETE FROM ${rawTable(this.schema, table)}`);
      if (await this.tableExists(db, SYNC_STATE_TABLE)) {
        await db.run(`DELETE FROM ${rawTable(this.schema, SYNC_STATE_TABLE)} WHERE table_name = $table`, { table });
      }
      await db.run('COMMIT');
    } catch (error) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const release = acquireFileLock(`${this.path}.${name}.lock`, name);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    const lease = this.lease;
    this.lease = undefined;
    this.schemaEnsured = false;
    this.states = undefined;
    if (lease) (await lease.catch(() => undefined))?.release();
  }

  /** The open connection, opening the file on first use; failures become WarehouseUnavailableError. */
  private async connection(): Promise<DuckDBConnection> {
    if (!this.lease) {
      const opening = leaseDuckDb(this.path).catch((error: unknown) => {
        if (this.lease === opening) this.lease = undefined;
        throw new WarehouseUnavailableError(`cannot open the DuckDB warehouse ${this.path}: ${(error as Error).message}`, { cause: error });
      });
      this.lease = opening;
    }
    return (await this.lease).connection;
  }

  private async readStates(db: DuckDBConnection): Promise<Map<string, SyncWatermark>> {
    let reader: Awaited<ReturnType<DuckDBConnection['runAndReadAll']>>;
    try {
      reader = await db.runAndReadAll(
        `SELECT table_name, xmin_horizon, watermark, epoch_us(updated_at) AS updated_us FROM ${rawTable(this.schema, SYNC_STATE_TABLE)}`,
      );
    } catch (error) {
      // Never synced (no `_sync_state` or no schema yet). Asked of the table itself, not of
      // duckdb_tables(): a catalog function on a freshly opened file costs tens of milliseconds.
      if (MISSING_TABLE.test((error as Error).message)) return new Map();
      throw error;
    }
    return new Map(reader.getRowObjectsJS().map((row) => [String(row.table_name), toWatermark(String(row.table_name), row)]));
  }

  private async readState(db: DuckDBConnection, table: string): Promise<SyncWatermark | null> {
    const reader = await db.runAndReadAll(
      `SELECT xmin_horizon, watermark, epoch_us(updated_at) AS updated_us
         FROM ${rawTable(this.schema, SYNC_STATE_TABLE)} WHERE table_name = $table`,
      { table },
    );
    const row = reader.getRowObjectsJS()[0];
    return row ? toWatermark(table, row) : null;
  }

  private async tableExists(db: DuckDBConnection, table: string): Promise<boolean> {
    const reader = await db.runAndReadAll(
      `SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = $schema AND table_name = $table AND NOT temporary`,
      { schema: this.schema, table },
    );
    return toBigInt(reader.getRowObjectsJS()[0]?.n) === 1n;
  }

  private async columnsOf(db: DuckDBConnection, table: string): Promise<Set<string>> {
    const reader = await db.runAndReadAll(
      `SELECT column_name FROM duckdb_columns() WHERE schema_name = $schema AND table_name = $table`,
      { schema: this.schema, table },
    );
    return new Set(reader.getRowObjectsJS().map((r) => String(r.column_name)));
  }
}

function maxChangeSeq(batch: WarehouseBatch): bigint | null {
  let max: bigint | null = null;
  for (const row of batch.upserts) if (max === null || row._change_seq > max) max = row._change_seq;
  for (const tombstone of batch.deletes) if (max === null || tombstone._change_seq > max) max = tombstone._change_seq;
  return max;
}

/** DuckDB BIGINT arrives as bigint; converted deliberately, never through Number. */
const MISSING_TABLE = /Catalog Error: Table with name \S+ does not exist/;

function toWatermark(table: string, row: Record<string, unknown>): SyncWatermark {
  return {
    table,
    horizon: toBigInt(row.xmin_horizon) ?? 0n,
    maxChangeSeq: toBigInt(row.watermark),
    updatedAt: microsToIso(toBigInt(row.updated_us) ?? 0n),
  };
}

function toBigInt(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`expected an integer, got ${typeof value} ${String(value)}`);
}
