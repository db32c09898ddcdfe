import { MONEY_PATTERN } from '@ledgerline/transactions';
import type { PreambleLine } from './csv-layout.ts';

/** Header facts of one of our own CSV statements, as written by renderStatementCsv. */
export interface StatementCsvPreamble {
  bank: string;
  customer_name: string;
  account_id: string;
  currency: string;
  month: string;
  opening_balance: string;
  opening_line: number;
  closing_balance: string;
  closing_line: number;
}

/** Reads our export's preamble from a parsed dialect; undefined for any other bank's file. */
export function readStatementCsvPreamble(preamble: PreambleLine[]): StatementCsvPreamble | undefined {
  const byKey = new Map<string, { value: string; line: number }>();
  for (const { line, cells } of preamble) {
    if (cells.length >= 2 && cells[0]) byKey.set(cells[0].toLowerCase(), { value: cells[1] ?? '', line });
  }
  const get = (key: string) => byKey.get(key);
  const [bank, customer, account, currency, period, opening, closing] = ['bank', 'customer', 'account', 'currency', 'period', 'opening balance', 'closing balance'].map(get);
  if (!bank || !customer || !account || !currency || !period || !opening || !closing) return undefined;
  if (!/^\d{4}-\d{2}$/.test(period.value) || !MONEY_PATTERN.test(opening.value) || !MONEY_PATTERN.test(closing.value)) return undefined;
  return {
    bank: bank.value,
    customer_name: customer.value,
    account_id: account.value,
    currency: currency.value,
    month: period.value,
    opening_balance: opening.value,
    opening_line: opening.line,
    closing_balance: closing.value,
    closing_line: closing.line,
  };
}
