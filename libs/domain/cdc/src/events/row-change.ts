import type { Lsn } from './lsn.ts';

/** A column value as it crosses the port: JSON-safe (numeric and int8 stay strings, no float drift). */
export type ColumnValue = string | number | boolean | null | ColumnValue[] | { [key: string]: ColumnValue };
export type RowImage = Record<string, ColumnValue>;

/**
 * Debezium's placeholder for a value the log does not carry: an UPDATE that left a TOASTed
 * column untouched is logged without it (REPLICA IDENTITY DEFAULT). Emitting null there would
 * claim the column was cleared; the placeholder says "unchanged, not shown".
 */
export const UNAVAILABLE_VALUE = '__debezium_unavailable_value';

/** Debezium's op codes: create, update, delete, read (snapshot), truncate. */
export const CHANGE_OPS = ['c', 'u', 'd', 'r', 't'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** One row-level change as a ChangeSource reports it, before it is shaped into an event. */
export interface RowChange {
  op: ChangeOp;
  schema: string;
  table: string;
  /** Primary-key columns, in key order; the event key is built from them. Empty: no key. */
  keyColumns: string[];
  /** Old row: deletes and updates (all columns with REPLICA IDENTITY FULL, key only with DEFAULT). */
  before: RowImage | null;
  after: RowImage | null;
  /** Snapshot reads: the slot's consistent point; streamed changes: the commit's LSN. */
  lsn: Lsn;
  txId: number | null;
  /** Commit time (streamed) or snapshot time, epoch milliseconds. */
  sourceTsMs: number;
  snapshot: boolean;
}

/** A step of the change stream, in log order. */
export type SourceMessage =
  | { kind: 'change'; change: RowChange }
  /** The end of a transaction: every change before it is complete; `lsn` may be acknowledged. */
  | { kind: 'commit'; lsn: Lsn }
  /** A position with no changes (heartbeat or keepalive seen in log order); may be acknowledged. */
  | { kind: 'position'; lsn: Lsn };
