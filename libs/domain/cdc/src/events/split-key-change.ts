import type { RowChange, RowImage } from './row-change.ts';

/**
 * An UPDATE that changes the primary key becomes a delete of the old key and a create of the new
 * one, as Debezium emits it: the two keys may live on different partitions, and a consumer folding
 * by key must forget the old row.
 */
export function splitKeyChange(change: RowChange): RowChange[] {
  if (change.op !== 'u' || !change.before || !change.after || change.keyColumns.length === 0) return [change];
  const before: RowImage = change.before;
  const after: RowImage = change.after;
  const changed = change.keyColumns.some((column) => before[column] !== undefined && JSON.stringify(before[column]) !== JSON.stringify(after[column]));
  if (!changed) return [change];
  return [
    { ...change, op: 'd', after: null },
    { ...change, op: 'c', before: null },
  ];
}
