import { token } from '@ledgerline/di';
import type { DeletedKey, RawRow } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import type { WindowLoader } from './window-export.port.ts';

/** Where this batch sits in its sync window [fromXid, toXid). */
export interface WatermarkAdvance {
  /** The horizon the warehouse must currently hold for this table (0 = never synced). */
  readonly fromXid: bigint;
  readonly toXid: bigint;
  /** The last batch of the window: the stored horizon becomes toXid. */
  readonly done: boolean;
}

export interface WarehouseBatch {
  readonly table: SyncTableSpec;
  /** At most one entry per key across upserts and deletes (see collapseChanges). */
  readonly upserts: readonly RawRow[];
  readonly deletes: readonly DeletedKey[];
  readonly watermark: WatermarkAdvance;
}

/** The per-table sync state (`raw._sync_state` in the RAW contract). */
export interface SyncWatermark {
  readonly table: string;
  /** `xmin_horizon`: every change from a transaction with an id below it is loaded. */
  readonly horizon: bigint;
  /** `watermark`: the highest `_change_seq` loaded so far (informational; never a resume point). */
  readonly maxChangeSeq: bigint | null;
  /** ISO-8601 time of the last batch. */
  readonly updatedAt: string;
}

/**
 * The analytical warehouse that the sync loads (RAW schema). Implementations must make each
 * applyBatch one warehouse transaction: the data and the watermark land together or not at all.
 * Loads are MERGE by key, last batch wins (the change feed only ever moves a key forward in
 * time), so applying a batch twice changes nothing. A delete becomes a tombstone row
 * (`_deleted = true`, the last known values kept), inserted even when the key was never loaded.
 */
export interface Warehouse {
  /** Creates the raw schema, the tables and `_sync_state` when missing; adds missing columns. */
  ensureSchema(tables: readonly SyncTableSpec[]): Promise<void>;
  /** Loads one batch and advances the watermark in the same transaction. */
  applyBatch(batch: WarehouseBatch): Promise<void>;
  /** null when the table was never synced (or was fully refreshed since). */
  readWatermark(table: string): Promise<SyncWatermark | null>;
  /** Empties the table and forgets its watermark, atomically. */
  fullRefresh(table: string): Promise<void>;
  /**
   * Runs fn while holding an exclusive named lock on this warehouse (not just this process).
   * Rejects with WarehouseLockedError, without running fn, when someone else holds it.
   */
  withLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Releases the connection/file; the warehouse may be reopened by a later call. */
  close(): Promise<void>;
  /** The bulk path, when the warehouse can load a whole window export (see WindowLoader). */
  readonly windowLoader?: WindowLoader;
}

/**
 * Fault-injection seam for tests (contract suite): called inside the batch transaction after
 * the data is loaded and before the watermark is written. Throwing must roll everything back.
 */
export interface WarehouseHooks {
  beforeWatermark?(table: string): void | Promise<void>;
}

export const WAREHOUSE = token<Warehouse>('Warehouse');
