import { describe, expect, it } from 'vitest';
import { collapseChanges } from './collapse-changes.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';

const spec: SyncTableSpec = { name: 't', key: 'id', columns: [{ name: 'id', type: 'string' }] };

describe('collapseChanges', () => {
  it('keeps one change per key: the live row over tombstones, else the newest tombstone', () => {
    const { upserts, deletes } = collapseChanges(
      spec,
      [
        // Re-inserted with a lower sequence than its delete (the BEFORE-trigger race): the row is the truth.
        { id: 'revived', _change_seq: 4n },
        { id: 'plain', _change_seq: 3n },
      ],
      [
        { key: 'revived', _change_seq: 9n },
        { key: 'gone', _change_seq: 5n },
        { key: 'gone', _change_seq: 7n },
        { key: 'never-seen', _change_seq: 6n },
      ],
    );
    expect(upserts.map((r) => [r.id, r._change_seq]).sort()).toEqual([
      ['plain', 3n],
      ['revived', 4n],
    ]);
    expect(deletes.map((d) => [d.key, d._change_seq]).sort()).toEqual([
      ['gone', 7n],
      ['never-seen', 6n],
    ]);
  });

  it('passes rows through untouched when there are no tombstones', () => {
    const rows = [{ id: 'a', _change_seq: 1n }];
    expect(collapseChanges(spec, rows, [])).toEqual({ upserts: rows, deletes: [] });
  });
});
