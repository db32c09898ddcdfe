import { token } from '@ledgerline/di';
import type { DeletedKey, RawRow } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import type { WindowExporter } from './window-export.port.ts';

/** Keyset position inside one sync window: the (change_xid, change_seq) of the last change read. */
export interface ChangeCursor {
  readonly xid: bigint;
  readonly seq: bigint;
}

export interface ReadChangesRequest {
  readonly table: SyncTableSpec;
  /** Inclusive lower bound: the horizon the previous sync stored (0 on the first sync). */
  readonly fromXid: bigint;
  /** Exclusive upper bound: the horizon of this sync, from `horizon()`. */
  readonly toXid: bigint;
  /** Continue after this change; omitted for the first page. */
  readonly after?: ChangeCursor;
  /** Upper bound on rows + deletes in the page. */
  readonly limit: number;
}

export interface ChangePage {
  /** Rows that exist now and were last changed by a transaction in [fromXid, toXid). */
  readonly rows: readonly RawRow[];
  /**
   * Tombstones of rows deleted by a transaction in [fromXid, toXid), only for keys that do not
   * exist in the same snapshot (a visible row is newer than every visible delete of its key).
   */
  readonly deletes: readonly DeletedKey[];
  /** Present when the page is full, so more changes may follow: pass it as `after`. */
  readonly nextCursor?: ChangeCursor;
}

/**
 * The reads of one sync from ONE snapshot of the store: the horizon and every page or window
 * export taken through it. Within it the store does not move, so the windows of all tables
 * describe one state (a row that a later transaction updated between the horizon and the read is
 * still shipped in this state, not skipped; a transaction never reaches the warehouse without
 * the rows it changed in other tables).
 */
export interface ChangeSnapshot {
  /** The snapshot's xmin: the horizon of this sync (see ChangeFeed.horizon). */
  readonly horizon: bigint;
  /** One page of changes in (change_xid, change_seq) order, read in this snapshot. */
  readChanges(request: ReadChangesRequest): Promise<ChangePage>;
  /** The bulk path in this snapshot, when the backend can stream a whole window. */
  readonly exporter?: WindowExporter;
}

/**
 * The operational store's change feed (docs/sync-watermark.md). Every row and tombstone carries
 * the id of the transaction that last wrote it (change_xid) and a change sequence (change_seq).
 * Each page is read from one consistent snapshot and reflects the state at that moment, so a
 * later page, or a later sync, never carries an older state of a key than an earlier one.
 */
export interface ChangeFeed {
  /**
   * The snapshot-xmin horizon h: every transaction with an id below h has finished (committed
   * or aborted) and its effects are visible; anything still running has an id >= h.
   * One statement (a sync uses it to see cheaply that nothing finished since the last one).
   */
  horizon(): Promise<bigint>;
  /** One page of changes in (change_xid, change_seq) order, in a snapshot of its own. */
  readChanges(request: ReadChangesRequest): Promise<ChangePage>;
  /** The bulk path, when the backend can stream a whole window (see WindowExporter). */
  readonly exporter?: WindowExporter;
  /**
   * Runs `work` with the horizon and reads of one snapshot (PostgreSQL: a REPEATABLE READ, READ
   * ONLY transaction, shared with the window exports' connections); writers are not blocked. A
   * single-connection store (PGlite) may give statement-level snapshots instead, since one
   * transaction would block every writer for the whole sync: there the caller quiesces writers
   * when it needs one state (the main job's QuiesceGate).
   */
  snapshot<T>(work: (snapshot: ChangeSnapshot) => Promise<T>): Promise<T>;
}

export const CHANGE_FEED = token<ChangeFeed>('ChangeFeed');
