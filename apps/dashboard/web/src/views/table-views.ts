import type { AnomalyRow, RecurringRow } from '../api-types.ts';
import { el, money } from '../format.ts';

type Cell = string | { text: string; numeric: true };
const num = (text: string): Cell => ({ text, numeric: true });

/** A plain table; cells are text (never HTML), numbers right-aligned. */
function table(headers: readonly string[], rows: readonly Cell[][], empty: string): HTMLElement {
  if (rows.length === 0) return el('p', empty, 'muted');
  const node = el('table', undefined, 'data');
  const head = node.createTHead().insertRow();
  for (const header of headers) head.appendChild(el('th', header));
  const body = node.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.appendChild(typeof cell === 'string' ? el('td', cell) : el('td', cell.text, 'num'));
  }
  return node;
}

export function recurringTable(rows: readonly RecurringRow[]): HTMLElement {
  return table(
    ['Merchant', 'Category', 'Payments', 'Months', 'Typical', 'Total', 'Last'],
    rows.map((r) => [r.merchant, r.category, num(String(r.payments)), num(String(r.months_seen)), num(money(r.typical_amount)), num(money(r.total)), r.last_date]),
    'No recurring payments for these filters.',
  );
}

export function anomaliesTable(rows: readonly AnomalyRow[]): HTMLElement {
  return table(
    ['Day', 'Merchant', 'Category', 'Amount', 'Usual', 'z'],
    rows.map((r) => [r.occurred_at.slice(0, 10), r.merchant ?? '—', r.category, num(money(r.amount)), num(money(r.mean)), num(r.z_score.toFixed(1))]),
    'No anomalies for these filters.',
  );
}
