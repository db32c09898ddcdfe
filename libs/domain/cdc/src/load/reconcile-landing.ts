import { parseLandedObjectKey } from './landed-object-key.ts';
import { DEFAULT_LANDING_PREFIX } from '../landing/landing-file.ts';
import {
  loadLandedObject,
  type LandingLoadDeps,
  type LandingLoadOptions,
  type ObjectLoadReport,
} from './load-landed-object/load-landed-object.ts';

export interface ReconcileReport {
  listed: number;
  /** Objects whose key+etag the manifest already had. */
  upToDate: number;
  /** What was done for every object the manifest did not have at its etag. */
  loads: ObjectLoadReport[];
  /** Objects that failed to load this pass (store or warehouse trouble); the next pass retries. */
  failed: Array<{ key: string; error: string }>;
}

/**
 * The answer to lost notifications: lists every object under the landing prefix (S3's
 * ListObjectsV2), compares it with the manifest, and loads each object whose key+etag the
 * manifest does not hold. Safe to run at any time and as often as wanted (each load checks the
 * manifest again inside its transaction). One failing object does not stop the others.
 */
export async function reconcileLanding(deps: LandingLoadDeps, options: LandingLoadOptions = {}): Promise<ReconcileReport> {
  const prefix = options.prefix ?? DEFAULT_LANDING_PREFIX;
  const listed = (await deps.store.list(`${prefix}/`)).filter((object) => parseLandedObjectKey(object.key, prefix).ok);
  const manifest = await deps.warehouse.manifest(`${prefix}/`);
  const report: ReconcileReport = { listed: listed.length, upToDate: 0, loads: [], failed: [] };
  for (const object of listed) {
    if (manifest.get(object.key)?.etag === object.etag) {
      report.upToDate += 1;
      continue;
    }
    try {
      report.loads.push(await loadLandedObject(deps, options, object.key));
    } catch (error) {
      deps.logger.error('reconcile could not load an object; the next pass retries', { key: object.key, error: String(error) });
      report.failed.push({ key: object.key, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
