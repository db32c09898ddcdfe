import type { ChangeEvent } from './change-event.ts';
import { UNAVAILABLE_VALUE, type RowImage } from './row-change.ts';

/**
 * Folds one table's change events, in topic order, into the latest row per key: what a consumer
 * that applies events idempotently ends up with. A replayed event folds to the same state, which
 * is why at-least-once delivery is enough downstream. Truncates empty the table; a column sent
 * as the unavailable-value placeholder (TOAST left unchanged) keeps the value folded before it.
 */
export function foldChangeEvents(events: Iterable<{ key: string; value: ChangeEvent }>): Map<string, RowImage> {
  const rows = new Map<string, RowImage>();
  for (const { key, value } of events) {
    if (value.op === 't') {
      rows.clear();
    } else if (value.op === 'd') {
      rows.delete(key);
    } else if (value.after) {
      rows.set(key, withUnchangedColumns(value.after, rows.get(key)));
    }
  }
  return rows;
}

function withUnchangedColumns(after: RowImage, previous: RowImage | undefined): RowImage {
  if (!previous || !Object.values(after).includes(UNAVAILABLE_VALUE)) return after;
  const merged: RowImage = { ...after };
  for (const [column, value] of Object.entries(after)) {
    if (value === UNAVAILABLE_VALUE && previous[column] !== undefined) merged[column] = previous[column];
  }
  return merged;
}
