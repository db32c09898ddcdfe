import { token } from '@ledgerline/di';
import type { LandedObjectName } from '../load/landed-object-key.ts';

/** One manifest row: which version (etag) of an object is in the warehouse, and how many rows. */
export interface ManifestEntry {
  key: string;
  etag: string;
  rows: number;
  table: string;
  loadedAt: string;
}

/** An object to load: its parsed name and the version that was read. */
export interface ObjectToLoad {
  name: LandedObjectName;
  etag: string;
  size: number;
}

export type LoadObjectResult =
  | { outcome: 'loaded'; rows: number; replacedRows: number }
  | { outcome: 'already-loaded'; entry: ManifestEntry };

/**
 * The warehouse side of the landing loader: RAW change-log tables plus a manifest
 * (object key, etag, rows, loaded_at), both in the warehouse.
 *
 * `loadObject` is one warehouse transaction: it checks the manifest, deletes the rows an older
 * version of the same key loaded, inserts this file's rows and writes the manifest row, then
 * commits. So a crash loads all of a file or none of it, the same key+etag again loads nothing,
 * and a rewritten object (new etag) replaces its rows instead of adding to them.
 * The body must already have passed the LandingFileInspector.
 */
export interface ChangeLogWarehouse {
  readonly kind: string;
  loadObject(object: ObjectToLoad, body: Uint8Array): Promise<LoadObjectResult>;
  /** Manifest rows of keys starting with `prefix`, by key. */
  manifest(prefix: string): Promise<Map<string, ManifestEntry>>;
  close(): Promise<void>;
}

export const CHANGE_LOG_WAREHOUSE = token<ChangeLogWarehouse>('ChangeLogWarehouse');
