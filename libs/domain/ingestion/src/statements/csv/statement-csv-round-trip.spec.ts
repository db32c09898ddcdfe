import { describe, expect, it } from 'vitest';
import { ACCOUNT, CUSTOMER, marchTransactions } from '../__fixtures__/sample-account.ts';
import { buildStatement, statementDescription } from '../statement.ts';
import { toTransactions } from '../to-transactions.ts';
import { verifyStatementBalances } from '../verify-statement-balances.ts';
import { parseStatementCsv } from './parse-statement-csv.ts';
import { readStatementCsvPreamble } from './read-statement-csv-preamble.ts';
import { renderStatementCsv } from './render-statement-csv.ts';

describe('our CSV statement export', () => {
  const statement = buildStatement(ACCOUNT, CUSTOMER, marchTransactions(60), '1500.00');
  const csv = renderStatementCsv(statement);

  it('has a preamble and the documented header', () => {
    const lines = csv.split('\r\n');
    expect(lines.slice(0, 9)).toEqual([
      'Bank,Ledgerline Bank',
      'Customer,Jane Müller-Smith',
      'Account,ACC-000123',
      'Currency,EUR',
      'Period,2026-03',
      'Opening balance,1500.00',
      `Closing balance,${statement.closing_balance}`,
      '',
      'Date,Transaction ID,Description,Category,Amount,Currency,Balance',
    ]);
    expect(csv).toContain('"Online Bookshop, Inc."');
    expect(csv).toContain('"Metro ""Central"" Station"');
  });

  it('round-trips: render -> parse -> the same transactions', () => {
    const { dialect, rows } = parseStatementCsv(new TextEncoder().encode(csv), { file: 'ACC-000123-2026-03.csv' });
    expect(dialect).toMatchObject({ delimiter: ',', headerLine: 9, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.' });
    const preamble = readStatementCsvPreamble(dialect.preamble);
    expect(preamble).toMatchObject({ account_id: 'ACC-000123', month: '2026-03', opening_balance: '1500.00', closing_balance: statement.closing_balance });
    verifyStatementBalances(preamble!.opening_balance, rows, preamble!.closing_balance);

    const back = toTransactions(rows, { account_id: 'ACC-000123', currency: 'EUR', source: 'csv', file: 'ACC-000123-2026-03.csv', idPolicy: 'verbatim' });
    const essential = (t: (typeof back)[number]) => ({ tx_id: t.tx_id, date: t.occurred_at.slice(0, 10), amount: t.amount, direction: t.direction, currency: t.currency, category: t.category });
    expect(back.map(essential)).toEqual(statement.transactions.map(essential));
    expect(back.map((t) => t.description)).toEqual(statement.transactions.map(statementDescription));
    expect(back[0]?.source_ref).toBe('ACC-000123-2026-03.csv:10');
  });

  it('is not mistaken for our export when the preamble is foreign', () => {
    expect(readStatementCsvPreamble([{ line: 1, cells: ['Account Number', '123'] }])).toBeUndefined();
  });
});
