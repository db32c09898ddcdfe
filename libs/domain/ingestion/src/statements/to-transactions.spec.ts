import { describe, expect, it } from 'vitest';
import type { ParsedStatementRow } from './parsed-statement-row.ts';
import { StatementParseError } from './statement-parse-error.ts';
import { toTransactions, type ToTransactionsOptions } from './to-transactions.ts';

const OPTIONS: ToTransactionsOptions = { account_id: 'ACC-1', currency: 'EUR', source: 'csv', file: '/data/incoming/march.csv' };

function row(line: number, date: string, amount: string, description: string, extra: Partial<ParsedStatementRow> = {}): ParsedStatementRow {
  return { line, date, amount, description, ...extra };
}

describe('toTransactions', () => {
  it('maps sign to direction, keeps amounts positive and fills the canonical fields', () => {
    const [out, inn] = toTransactions([row(5, '2026-03-01', '-12.30', 'Coffee'), row(6, '2026-03-02', '100.00', 'Transfer from savings', { currency: 'USD', category: 'Savings' })], OPTIONS);
    expect(out).toMatchObject({ account_id: 'ACC-1', amount: '12.30', direction: 'DEBIT', txn_type: 'PURCHASE', currency: 'EUR', category: 'Uncategorised', occurred_at: '2026-03-01T12:00:00.000Z', source: 'csv', source_ref: 'march.csv:5', status: 'POSTED', normalized_amount: '12.30' });
    expect(inn).toMatchObject({ amount: '100.00', direction: 'CREDIT', txn_type: 'TRANSFER', channel: 'BANK_TRANSFER', currency: 'USD', category: 'Savings' });
  });

  it('infers salary, fees, ATM and direct debits from the wording (several languages)', () => {
    const types = toTransactions(
      [
        row(1, '2026-03-01', '3000.00', 'ACME Payroll March'),
        row(2, '2026-03-01', '2500.00', 'Arbeitgeber GmbH - Gehalt März'),
        row(3, '2026-03-01', '-5.00', 'Monthly account fee'),
        row(4, '2026-03-01', '-50.00', 'ATM withdrawal Main St'),
        row(5, '2026-03-01', '-30.00', 'Lastschrift Stadtwerke'),
        row(6, '2026-03-01', '12.00', 'Refund order 77'),
        row(7, '2026-03-01', '0.40', 'Intérêts créditeurs'),
        row(8, '2026-03-01', '-3000.00', 'Payroll correction'),
      ],
      OPTIONS,
    ).map((t) => t.txn_type);
    expect(types).toEqual(['SALARY', 'SALARY', 'FEE', 'WITHDRAWAL', 'PAYMENT', 'REFUND', 'INTEREST', 'PURCHASE']);
  });

  it('uses the time when the statement has one', () => {
    const [a, b] = toTransactions([row(1, '2026-03-01', '-1.00', 'x', { time: '08:15:00' }), row(2, '2026-03-01', '-1.00', 'x', { time: '23:30:00', utc_offset: '-02:00' })], OPTIONS);
    expect(a?.occurred_at).toBe('2026-03-01T08:15:00.000Z');
    expect(b?.occurred_at).toBe('2026-03-02T01:30:00.000Z');
  });

  it('derives tx_id from an id column, namespaced by source and account unless verbatim', () => {
    const r = row(1, '2026-03-01', '-1.00', 'x', { external_id: 'T-77' });
    expect(toTransactions([r], OPTIONS)[0]?.tx_id).toBe('csv:ACC-1:T-77');
    expect(toTransactions([r], { ...OPTIONS, idPolicy: 'verbatim' })[0]?.tx_id).toBe('T-77');
    const long = toTransactions([{ ...r, external_id: 'x'.repeat(90) }], OPTIONS)[0]?.tx_id;
    expect(long).toMatch(/^csv:[0-9a-f]{64}$/);
  });

  it('keeps two genuine identical charges apart, and gives an overlapping re-import the same ids', () => {
    const march = [row(2, '2026-03-01', '-4.50', 'Coffee Bar'), row(3, '2026-03-01', '-4.50', 'Coffee Bar'), row(4, '2026-03-02', '-9.00', 'Lunch')];
    const first = toTransactions(march, OPTIONS).map((t) => t.tx_id);
    expect(new Set(first).size).toBe(3);
    // The same rows again, in another file with different line numbers, spacing and case.
    const again = [row(10, '2026-03-01', '-4.50', 'COFFEE  BAR'), row(11, '2026-03-01', '-4.50', 'coffee bar'), row(12, '2026-03-02', '-9.00', 'Lunch'), row(13, '2026-03-03', '-1.00', 'New')];
    const second = toTransactions(again, { ...OPTIONS, file: 'march-and-april.csv' }).map((t) => t.tx_id);
    expect(second.slice(0, 3)).toEqual(first);
    expect(first.every((id) => /^csv:[0-9a-f]{64}$/.test(id))).toBe(true);
    // Another account's identical row is another transaction.
    expect(toTransactions([march[0]!], { ...OPTIONS, account_id: 'ACC-2' })[0]?.tx_id).not.toBe(first[0]);
  });

  it('rejects rows that cannot be transactions, naming file and line', () => {
    expect(() => toTransactions([row(9, '2026-03-01', '0.00', 'x')], OPTIONS)).toThrow(StatementParseError);
    expect(() => toTransactions([row(9, '2026-03-01', '0.00', 'x')], OPTIONS)).toThrow("march.csv: line 9, column 'Amount': a zero amount cannot be stored as a transaction");
    expect(() => toTransactions([row(4, '2026-03-01', '-1.00', 'x', { currency: 'EURO' })], OPTIONS)).toThrow(/march.csv: line 4, column 'currency'/);
  });
});
