import { describe, expect, it } from 'vitest';
import { ACCOUNT, CUSTOMER, marchTransactions } from '../__fixtures__/sample-account.ts';
import { buildStatement, type Statement } from '../statement.ts';
import { StatementParseError } from '../statement-parse-error.ts';
import { parseStatementText } from './parse-statement-text.ts';
import { layoutStatement, pageFooter } from './statement-layout.ts';

/**
 * What pdf-parse returns for a rendered statement, built from the layout without a PDF: the
 * first page holds the header and summary, each page repeats the table header and ends in a
 * footer. (The adapter's tests do the same through real pdfkit + pdf-parse.)
 */
function statementText(statement: Statement, rowsPerPage = 25): string[] {
  const layout = layoutStatement(statement);
  const tableHeader = layout.tableHeader.join('\t');
  const pages: string[][] = [];
  const first = [layout.bank, layout.title, ...layout.details, layout.summaryTitle, ...layout.summary.map((s) => `${s.label}\t${s.value}`), layout.tableTitle, tableHeader];
  let page = first;
  layout.rows.forEach((row, i) => {
    if (i > 0 && i % rowsPerPage === 0) {
      pages.push(page);
      page = [tableHeader];
    }
    page.push(`${row.date} ${row.description} ${row.amount} ${row.balance}`, row.reference);
  });
  page.push(layout.endNote);
  pages.push(page);
  return pages.map((lines, i) => [...lines, pageFooter(i + 1, pages.length)].join('\n'));
}

function errorOf(fn: () => unknown): StatementParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a StatementParseError');
}

describe('parseStatementText', () => {
  const statement = buildStatement(ACCOUNT, CUSTOMER, marchTransactions(60), '1500.00');

  it('reads header fields, balances and every row back', () => {
    const parsed = parseStatementText(statementText(statement));
    expect(parsed).toMatchObject({ bank: 'Ledgerline Bank', customer_name: 'Jane Müller-Smith', account_id: 'ACC-000123', currency: 'EUR', period: { month: '2026-03' }, opening_balance: '1500.00', closing_balance: statement.closing_balance, pages: 3 });
    expect(parsed.rows).toHaveLength(60);
    expect(parsed.rows.map((r) => r.external_id)).toEqual(statement.transactions.map((t) => t.tx_id));
    expect(parsed.rows.find((r) => r.external_id === 'tx-0001')).toMatchObject({ description: 'Online Bookshop, Inc.', category: 'Shopping', currency: 'EUR' });
  });

  it('joins description continuation lines', () => {
    const pages = statementText(statement);
    const first = pages[0] as string;
    const broken = first.replace('Online Bookshop, Inc.', 'Online Bookshop,').replace('Ref: tx-0001', 'Inc.\nRef: tx-0001');
    const parsed = parseStatementText([broken, ...pages.slice(1)]);
    expect(parsed.rows.find((r) => r.external_id === 'tx-0001')?.description).toBe('Online Bookshop, Inc.');
    expect(broken).toContain('Online Bookshop,');
  });

  it('fails when the stated balances do not add up', () => {
    const tampered: Statement = { ...statement, opening_balance: '1600.00' };
    const error = errorOf(() => parseStatementText(statementText(tampered), 'march.pdf'));
    expect(error.file).toBe('march.pdf');
    expect(error.reason).toBe(`balances do not add up: opening balance 1600.00 + 60 transactions (${(Number(statement.closing_balance) - 1500).toFixed(2)}) = ${(Number(statement.closing_balance) + 100).toFixed(2)}, but the closing balance is ${statement.closing_balance}`);
  });

  it('fails on a row whose running balance is off, naming its line', () => {
    const pages = statementText(statement);
    const row = layoutStatement(statement).rows[3]!;
    const edited = (pages[0] as string).replace(`${row.amount} ${row.balance}`, `${row.amount} 1.00`);
    const error = errorOf(() => parseStatementText([edited, ...pages.slice(1)]));
    expect(error.column).toBe('Balance');
    expect(error.reason).toMatch(/^running balance 1.00 does not match/);
    expect(edited.split('\n')[error.line - 1]).toContain(row.date);
  });

  it('notices missing pages and rows', () => {
    const pages = statementText(statement);
    expect(errorOf(() => parseStatementText([pages[0] as string, pages[2] as string])).reason).toBe('statement incomplete: page 2 of 3 is missing');
    const withoutEnd = pages.map((p) => p.replace(/End of statement.*\n/, ''));
    expect(errorOf(() => parseStatementText(withoutEnd)).reason).toMatch(/no 'End of statement' line/);
    const lastPage = (pages[2] as string).replace(/^2026.*\nRef: .*\n/m, '');
    expect(errorOf(() => parseStatementText([pages[0] as string, pages[1] as string, lastPage])).reason).toBe('statement lists 60 transactions but 59 rows were read');
  });

  it('says when a PDF is not one of our statements', () => {
    expect(errorOf(() => parseStatementText(['Invoice 42\nTotal 12.00\n'])).reason).toBe('no statement table found (this PDF is not one of our statements)');
  });
});
