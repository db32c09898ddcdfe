import type { Logger } from '@ledgerline/logging';
import type { ChangeLogWarehouse } from '../../ports/change-log-warehouse.port.ts';
import type { LandingFileInspector } from '../../ports/landing-file-inspector.port.ts';
import type { ObjectStore, StoredObject } from '../../ports/object-store.port.ts';
import { DEFAULT_LANDING_PREFIX } from '../../landing/landing-file.ts';
import { parseLandedObjectKey } from '../landed-object-key.ts';
import { quarantineObject } from './quarantine-object.ts';

export interface LandingLoadDeps {
  store: ObjectStore;
  warehouse: ChangeLogWarehouse;
  inspector: LandingFileInspector;
  logger: Logger;
  now?: () => Date;
}

export interface LandingLoadOptions {
  /** Landed objects live under `<prefix>/`. Default `cdc`. */
  prefix?: string;
  /** Bad objects move to `<quarantinePrefix>/<key>` with `<key>.report.json` beside. Default `quarantine`. */
  quarantinePrefix?: string;
}

export type ObjectLoadReport =
  | { key: string; outcome: 'loaded'; etag: string; rows: number; replacedRows: number }
  | { key: string; outcome: 'already-loaded'; etag: string; rows: number }
  | { key: string; outcome: 'quarantined'; etag: string; reason: string; quarantinedAs: string }
  | { key: string; outcome: 'ignored'; reason: string }
  | { key: string; outcome: 'missing' };

export const DEFAULT_QUARANTINE_PREFIX = 'quarantine';

/** A read saw the object change under it this many times in a row: give up for now (reconcile retries). */
const MAX_READ_ATTEMPTS = 3;

/**
 * Loads one landed object exactly once. Ordering:
 * 1. the key must be a landed file's name (else ignored: not ours to load);
 * 2. the manifest already holding this key at the object's current etag = nothing to do;
 * 3. the bytes are read between two HEADs with the same etag (a rewrite during the read would
 *    otherwise record one version's etag with another's rows);
 * 4. the inspector reads the whole file: a bad one is quarantined and nothing is loaded;
 * 5. the warehouse loads rows and manifest row in one transaction (and re-checks the manifest
 *    inside it, so two loaders racing on one key still load it once).
 * Store and warehouse errors are thrown: the caller retries (the reconcile pass at the latest).
 */
export async function loadLandedObject(deps: LandingLoadDeps, options: LandingLoadOptions, key: string): Promise<ObjectLoadReport> {
  const prefix = options.prefix ?? DEFAULT_LANDING_PREFIX;
  const parsed = parseLandedObjectKey(key, prefix);
  if (!parsed.ok) return { key, outcome: 'ignored', reason: parsed.reason };
  const { name } = parsed;

  for (let attempt = 1; ; attempt += 1) {
    const before = await deps.store.head(key);
    if (!before) return { key, outcome: 'missing' };
    const entry = (await deps.warehouse.manifest(key)).get(key);
    if (entry && entry.etag === before.etag) return { key, outcome: 'already-loaded', etag: entry.etag, rows: entry.rows };

    const body = await deps.store.get(key);
    const after = await deps.store.head(key);
    if (!body || !after) return { key, outcome: 'missing' };
    if (!sameVersion(before, after) || body.length !== after.size) {
      if (attempt >= MAX_READ_ATTEMPTS) throw new Error(`object ${key} kept changing while it was read (${MAX_READ_ATTEMPTS} attempts)`);
      continue;
    }

    const inspection = await deps.inspector.inspect(name, body);
    if (!inspection.ok) {
      const quarantinedAs = await quarantineObject(deps, options.quarantinePrefix ?? DEFAULT_QUARANTINE_PREFIX, after, inspection.reason);
      deps.logger.warn('landed object quarantined', { key, etag: after.etag, reason: inspection.reason, quarantined_as: quarantinedAs });
      return { key, outcome: 'quarantined', etag: after.etag, reason: inspection.reason, quarantinedAs };
    }

    const result = await deps.warehouse.loadObject({ name, etag: after.etag, size: after.size }, body);
    if (result.outcome === 'already-loaded') return { key, outcome: 'already-loaded', etag: result.entry.etag, rows: result.entry.rows };
    deps.logger.info('landed object loaded', { key, etag: after.etag, rows: result.rows, replaced_rows: result.replacedRows });
    return { key, outcome: 'loaded', etag: after.etag, rows: result.rows, replacedRows: result.replacedRows };
  }
}

function sameVersion(a: StoredObject, b: StoredObject): boolean {
  return a.etag === b.etag && a.size === b.size;
}
