import { fromCents, toCents } from '@ledgerline/transactions';
import { monthRange, statementLines, statementTotals, type Statement } from '../statement.ts';

/**
 * The printed wording of our PDF statements. The renderer (adapter) draws these strings and
 * parseStatementText reads them back, so both sides share this one definition.
 */
export const STATEMENT_TEXT = {
  title: 'Statement of account',
  customer: 'Customer:',
  account: 'Account:',
  currency: 'Currency:',
  period: 'Statement period:',
  summary: 'Account summary',
  opening: 'Opening balance',
  totalIn: 'Total money in',
  totalOut: 'Total money out',
  closing: 'Closing balance',
  transactions: 'Transactions',
  tableHeader: ['Date', 'Description', 'Amount', 'Balance'] as const,
  reference: 'Ref:',
  category: 'Category:',
} as const;

export function pageFooter(page: number, pages: number): string {
  return `Page ${page} of ${pages}`;
}

export function endOfStatement(count: number): string {
  return `End of statement - ${count} transaction${count === 1 ? '' : 's'}`;
}

/** A table row: a first line (date, description start, amount, balance) and a reference line. */
export interface StatementLayoutRow {
  date: string;
  description: string;
  amount: string;
  balance: string;
  /** `Ref: <tx_id> | Category: <category>`, printed small under the description. */
  reference: string;
}

export interface StatementLayout {
  bank: string;
  title: string;
  details: string[];
  summaryTitle: string;
  summary: Array<{ label: string; value: string }>;
  tableTitle: string;
  tableHeader: readonly string[];
  rows: StatementLayoutRow[];
  endNote: string;
  /** Document metadata date: fixed per statement (first instant after the period) for byte-identical output. */
  issuedAt: Date;
}

export function layoutStatement(statement: Statement): StatementLayout {
  const { from, to } = monthRange(statement.period.month);
  const totals = statementTotals(statement);
  const next = new Date(`${to}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return {
    bank: statement.bank,
    title: STATEMENT_TEXT.title,
    details: [
      `${STATEMENT_TEXT.customer} ${statement.customer_name}`,
      `${STATEMENT_TEXT.account} ${statement.account_id}`,
      `${STATEMENT_TEXT.currency} ${statement.currency}`,
      `${STATEMENT_TEXT.period} ${statement.period.month} (${from} to ${to})`,
    ],
    summaryTitle: STATEMENT_TEXT.summary,
    summary: [
      { label: STATEMENT_TEXT.opening, value: displayMoney(statement.opening_balance) },
      { label: STATEMENT_TEXT.totalIn, value: displayMoney(totals.total_in) },
      { label: STATEMENT_TEXT.totalOut, value: displayMoney(totals.total_out) },
      { label: STATEMENT_TEXT.closing, value: displayMoney(statement.closing_balance) },
    ],
    tableTitle: STATEMENT_TEXT.transactions,
    tableHeader: STATEMENT_TEXT.tableHeader,
    rows: statementLines(statement).map((l) => ({
      date: l.date,
      description: l.description,
      amount: displayMoney(l.amount),
      balance: displayMoney(l.balance),
      reference: `${STATEMENT_TEXT.reference} ${l.tx_id} | ${STATEMENT_TEXT.category} ${l.category}`,
    })),
    endNote: endOfStatement(statement.transactions.length),
    issuedAt: next,
  };
}

/** `-1234.50` -> `-1,234.50`: how amounts are printed on the PDF. */
export function displayMoney(amount: string): string {
  const cents = toCents(amount);
  const [whole = '0', fraction = '00'] = fromCents(cents < 0n ? -cents : cents).split('.');
  return `${cents < 0n ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${fraction}`;
}
