import type { DeletedKey, RawRow } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';

export interface CollapsedChanges {
  readonly upserts: RawRow[];
  readonly deletes: DeletedKey[];
}

/**
 * Leaves at most one change per key, as a MERGE needs. Rows are unique already (primary key);
 * a key deleted several times has several tombstones, of which the newest is kept. A live row
 * beats any tombstone of its key: the feed reads both in one snapshot, and a row that is visible
 * there was committed after every delete of that key that is visible there too. (change_seq
 * cannot decide this: an INSERT draws its number in a BEFORE trigger and may then wait for a
 * concurrent DELETE of the same key, which draws a higher number but commits first.)
 */
export function collapseChanges(
  spec: SyncTableSpec,
  rows: readonly RawRow[],
  deletes: readonly DeletedKey[],
): CollapsedChanges {
  if (deletes.length === 0) return { upserts: [...rows], deletes: [] };
  const live = new Set<string>();
  for (const row of rows) {
    const key = row[spec.key];
    if (typeof key !== 'string') throw new TypeError(`${spec.name}: row without a string key ${spec.key}`);
    live.add(key);
  }
  const newestTombstone = new Map<string, DeletedKey>();
  for (const tombstone of deletes) {
    if (live.has(tombstone.key)) continue;
    const seen = newestTombstone.get(tombstone.key);
    if (!seen || tombstone._change_seq > seen._change_seq) newestTombstone.set(tombstone.key, tombstone);
  }
  return { upserts: [...rows], deletes: [...newestTombstone.values()] };
}
