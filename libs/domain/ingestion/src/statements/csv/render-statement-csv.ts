import { statementLines, type Statement } from '../statement.ts';

export const STATEMENT_CSV_HEADER = ['Date', 'Transaction ID', 'Description', 'Category', 'Amount', 'Currency', 'Balance'] as const;

/** Preamble keys of our own CSV export, in order (read back by readStatementCsvPreamble). */
export const STATEMENT_CSV_PREAMBLE_KEYS = ['Bank', 'Customer', 'Account', 'Currency', 'Period', 'Opening balance', 'Closing balance'] as const;

/**
 * Our bank's CSV export of one account-month: a key/value preamble, a blank line, then the header
 * `Date,Transaction ID,Description,Category,Amount,Currency,Balance` and one row per transaction
 * (signed amount, running balance). RFC 4180: CRLF line ends, fields quoted when needed.
 */
export function renderStatementCsv(statement: Statement): string {
  const preamble: Array<[string, string]> = [
    ['Bank', statement.bank],
    ['Customer', statement.customer_name],
    ['Account', statement.account_id],
    ['Currency', statement.currency],
    ['Period', statement.period.month],
    ['Opening balance', statement.opening_balance],
    ['Closing balance', statement.closing_balance],
  ];
  const lines = preamble.map((cells) => cells.map(csvField).join(','));
  lines.push('');
  lines.push(STATEMENT_CSV_HEADER.join(','));
  for (const l of statementLines(statement)) {
    lines.push([l.date, l.tx_id, l.description, l.category, l.amount, l.currency, l.balance].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
