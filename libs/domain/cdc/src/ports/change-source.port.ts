import { token } from '@ledgerline/di';
import type { Lsn } from '../events/lsn.ts';
import type { RowChange, SourceMessage } from '../events/row-change.ts';

/** Where the source stands: for `-- status` and the slot lag metric. */
export interface ChangeSourceStatus {
  /** `pgoutput` (replication slot) or `trigger-log` (embedded). */
  kind: string;
  slot: string;
  exists: boolean;
  /** Last position acknowledged to the source (Postgres: the slot's confirmed_flush_lsn). */
  confirmedLsn: Lsn | null;
  /** Current end of the log. */
  currentLsn: Lsn;
  /** WAL the source retains for this consumer: current - restart position, in bytes. */
  retainedBytes: bigint;
  /** current - confirmed, in bytes: how far behind the consumer is. */
  lagBytes: bigint;
  snapshotDone: boolean;
}

export interface OpenedSource {
  /** True when the published tables must be read first (new slot, or a snapshot that did not finish). */
  snapshotDue: boolean;
  /** Database name, for `source.db`. */
  database: string;
}

export type StreamHandler = (message: SourceMessage) => Promise<void>;

/**
 * A database's change log as a stream of row changes (Postgres: a pgoutput replication slot;
 * embedded: the trigger change log).
 *
 * Order of calls: `open`, then (if due) `readSnapshot` and `markSnapshotDone`, then `stream`.
 * The source never moves its confirmed position by itself: only `acknowledge` does, so a caller
 * that acknowledges after its own durable write gets at-least-once delivery across crashes.
 */
export interface ChangeSource {
  readonly kind: string;
  /** Creates what is missing (publication, slot). */
  open(): Promise<OpenedSource>;
  /**
   * Reads every published table as of the stream's starting point (op `r`), in batches; resolves
   * after the last batch was handled. The handler's promise is awaited (backpressure).
   */
  readSnapshot(onRows: (rows: RowChange[]) => Promise<void>): Promise<void>;
  /** Records that the snapshot was fully handled, so a restart streams instead of reading again. */
  markSnapshotDone(): Promise<void>;
  /**
   * Delivers changes after the confirmed position, in log order, one message at a time (each
   * awaited), until `signal` aborts; resolves then, rejects if the stream broke.
   */
  stream(handler: StreamHandler, signal: AbortSignal): Promise<void>;
  /** Every change up to `lsn` is durable downstream; the source may release the log before it. */
  acknowledge(lsn: Lsn): Promise<void>;
  /** Writes a heartbeat into the log so an idle database still yields positions to acknowledge. */
  heartbeat(): Promise<void>;
  status(): Promise<ChangeSourceStatus>;
  /** Removes the slot (and the snapshot record); the next `open` starts over with a snapshot. */
  dropSlot(): Promise<void>;
  close(): Promise<void>;
}

export const CHANGE_SOURCE = token<ChangeSource>('ChangeSource');
