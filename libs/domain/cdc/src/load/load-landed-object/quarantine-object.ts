import type { ObjectStore, StoredObject } from '../../ports/object-store.port.ts';

/**
 * Moves a bad landed object to `<quarantinePrefix>/<key>` with a report at
 * `<quarantinePrefix>/<key>.report.json`. The report is written first: a crash between the two
 * leaves the object in place, and the next pass quarantines it again (same report key).
 * Quarantine lives outside the landing prefix, so reconcile never picks it up again.
 */
export async function quarantineObject(
  deps: { store: ObjectStore; now?: () => Date },
  quarantinePrefix: string,
  object: StoredObject,
  reason: string,
): Promise<string> {
  const target = `${quarantinePrefix}/${object.key}`;
  const report = {
    key: object.key,
    etag: object.etag,
    size: object.size,
    last_modified: object.lastModified,
    reason,
    quarantined_at: (deps.now?.() ?? new Date()).toISOString(),
  };
  await deps.store.put(`${target}.report.json`, Buffer.from(`${JSON.stringify(report, null, 2)}\n`));
  await deps.store.move(object.key, target);
  return target;
}
