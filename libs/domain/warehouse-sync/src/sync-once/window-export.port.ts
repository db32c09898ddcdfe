import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import type { WatermarkAdvance } from './warehouse.port.ts';

/**
 * The bulk path of a sync window (issue #23): every change of [fromXid, toXid) as one CSV stream
 * instead of pages of row objects, so Postgres' COPY output goes to the warehouse's CSV reader
 * untouched. Same content as the pages, collapsed already: at most one line per key (a live row,
 * or the newest tombstone of a key that does not exist in the same snapshot), in no order.
 *
 * CSV (RFC 4180, no header, `,` and `"`): the table's data columns in spec order, as PostgreSQL
 * writes them in ISO style (money as a decimal with its scale, timestamps as ISO-8601 with a UTC
 * offset such as `2026-01-01 00:00:37.5+00`, booleans as t/f), then `_change_seq` and `_deleted`
 * (t/f). NULL is an empty unquoted field; an empty string is `""`. Readers parse values with the
 * RAW types while reading; the stream may be read while it is still being written.
 */
export interface WindowExport {
  readonly table: SyncTableSpec;
  readonly chunks: AsyncIterable<Uint8Array>;
}

export interface ExportWindowRequest {
  readonly table: SyncTableSpec;
  readonly fromXid: bigint;
  readonly toXid: bigint;
}

/** Optional ChangeFeed capability (PostgreSQL: COPY ... TO STDOUT). PGlite's bridge does not offer it. */
export interface WindowExporter {
  exportWindow(request: ExportWindowRequest): Promise<WindowExport>;
}

export interface WindowLoadResult {
  readonly upserted: number;
  readonly deleted: number;
}

/**
 * Optional Warehouse capability: loads a whole window export and advances the watermark (always
 * `done`) in one warehouse transaction, exactly like one applyBatch of the whole window.
 */
export interface WindowLoader {
  loadWindow(windowExport: WindowExport, watermark: WatermarkAdvance): Promise<WindowLoadResult>;
}
