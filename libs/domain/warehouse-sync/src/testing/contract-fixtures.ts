import type { DeletedKey, RawRow } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';
import type { WarehouseBatch } from '../sync-once/warehouse.port.ts';

/** A table with one column of every logical type, so each backend proves its type mapping. */
export const CONTRACT_TABLE: SyncTableSpec = {
  name: 'contract_items',
  key: 'item_id',
  columns: [
    { name: 'item_id', type: 'string' },
    { name: 'label', type: 'string' },
    { name: 'amount', type: 'money' },
    { name: 'quantity', type: 'decimal' },
    { name: 'happened_at', type: 'timestamp' },
    { name: 'flag', type: 'boolean' },
    { name: 'big', type: 'bigint' },
    { name: 'small', type: 'integer' },
  ],
};

/** A second table, to show that batches, refreshes and watermarks stay per table. */
export const CONTRACT_OTHER_TABLE: SyncTableSpec = {
  name: 'contract_others',
  key: 'other_id',
  columns: [
    { name: 'other_id', type: 'string' },
    { name: 'note', type: 'string' },
  ],
};

export function item(id: string, seq: bigint, overrides: Partial<Record<string, string | number | boolean | bigint | null>> = {}): RawRow {
  return {
    item_id: id,
    label: `label ${id}`,
    amount: '12.30',
    quantity: '123456789012.12345678', // 20 significant digits: a double would round it
    happened_at: '2026-10-03T08:15:00.123456Z',
    flag: true,
    big: 9_007_199_254_740_993n, // 2^53 + 1: not representable as a JS number
    small: -7,
    ...overrides,
    _change_seq: seq,
  };
}

export function tombstone(key: string, seq: bigint): DeletedKey {
  return { key, _change_seq: seq };
}

export function batch(
  upserts: RawRow[],
  deletes: DeletedKey[],
  window: { fromXid: bigint; toXid: bigint; done?: boolean },
  table: SyncTableSpec = CONTRACT_TABLE,
): WarehouseBatch {
  return { table, upserts, deletes, watermark: { fromXid: window.fromXid, toXid: window.toXid, done: window.done ?? true } };
}
