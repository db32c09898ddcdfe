import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { StatementParseError, statementDescription, toTransactions, type Statement } from '@ledgerline/ingestion';
import { sampleStatement } from './__fixtures__/sample-statement.ts';
import { extractPdfPages } from './pdf-parse-text-extractor.ts';
import { parseStatementPdf } from './parse-statement-pdf.ts';
import { renderStatementPdf } from './render-statement-pdf.ts';

async function rejection(promise: Promise<unknown>): Promise<StatementParseError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StatementParseError) return error;
    throw error;
  }
  throw new Error('expected a StatementParseError');
}

async function otherPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(14).text('Invoice 2026-017');
  doc.fontSize(10).text('Consulting services, March 2026');
  doc.text('Date Amount');
  doc.text('2026-03-31 1,200.00');
  doc.end();
  return done;
}

describe('statement PDFs', () => {
  const statement = sampleStatement(120);

  it('round-trips a multi-page statement: every row, amounts to the cent', async () => {
    const pdf = await renderStatementPdf(statement);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await extractPdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    expect(pages[1]).toMatch(/^Date\s+Description\s+Amount\s+Balance$/m);

    const parsed = await parseStatementPdf(pdf, 'ACC-000123-2026-03.pdf');
    expect(parsed).toMatchObject({
      bank: statement.bank,
      customer_name: statement.customer_name,
      account_id: statement.account_id,
      currency: 'EUR',
      period: { month: '2026-03' },
      opening_balance: statement.opening_balance,
      closing_balance: statement.closing_balance,
      pages: pages.length,
    });
    expect(parsed.rows).toHaveLength(120);
    const back = toTransactions(parsed.rows, { account_id: statement.account_id, currency: 'EUR', source: 'pdf', file: 'ACC-000123-2026-03.pdf', idPolicy: 'verbatim' });
    const essential = (t: Statement['transactions'][number]) => ({ tx_id: t.tx_id, date: t.occurred_at.slice(0, 10), amount: t.amount, direction: t.direction, category: t.category });
    expect(back.map(essential)).toEqual(statement.transactions.map(essential));
    // Long descriptions wrap over several lines in the PDF and still come back whole.
    expect(back.map((t) => t.description)).toEqual(statement.transactions.map(statementDescription));
    expect(statement.transactions.some((t) => (t.description ?? '').length > 80)).toBe(true);
  });

  it('renders byte-identical output for the same statement', async () => {
    const small = sampleStatement(5);
    const [a, b] = await Promise.all([renderStatementPdf(small), renderStatementPdf(small)]);
    expect(a.equals(b)).toBe(true);
  });

  it('detects stated balances that do not add up', async () => {
    const tampered: Statement = { ...statement, opening_balance: '12400.00' };
    const error = await rejection(parseStatementPdf(await renderStatementPdf(tampered), 'tampered.pdf'));
    expect(error.file).toBe('tampered.pdf');
    expect(error.reason).toMatch(/^balances do not add up: opening balance 12400.00 \+ 120 transactions .* but the closing balance is /);
  });

  it('rejects a truncated PDF', async () => {
    const pdf = await renderStatementPdf(sampleStatement(30));
    const error = await rejection(parseStatementPdf(pdf.subarray(0, Math.floor(pdf.length * 0.6)), 'cut.pdf'));
    expect(error.message).toBe('cut.pdf: truncated PDF: the file ends before its %%EOF marker');
  });

  it('rejects a corrupt PDF whose ending is intact', async () => {
    const pdf = await renderStatementPdf(sampleStatement(3));
    // The middle blanked out, or the tail of a cut file "repaired" with an %%EOF line.
    const blanked = Buffer.concat([pdf.subarray(0, 9), Buffer.alloc(pdf.length - 200, 0x20), pdf.subarray(pdf.length - 191)]);
    const patched = Buffer.concat([pdf.subarray(0, Math.floor(pdf.length / 2)), Buffer.from('\n%%EOF\n')]);
    for (const bytes of [blanked, patched]) {
      const error = await rejection(parseStatementPdf(bytes, 'corrupt.pdf'));
      expect(error.reason).toMatch(/^unreadable PDF \(corrupt or truncated\): /);
    }
  });

  it('rejects a PDF that is not one of our statements', async () => {
    const error = await rejection(parseStatementPdf(await otherPdf(), 'invoice.pdf'));
    expect(error.message).toBe('invoice.pdf: no statement table found (this PDF is not one of our statements)');
  });

  it('rejects bytes that are not a PDF at all', async () => {
    const error = await rejection(parseStatementPdf(new TextEncoder().encode('Date,Amount\n2026-03-01,1.00\n')));
    expect(error.reason).toBe('not a PDF (no %PDF- header)');
  });

  it('refuses to print characters the statement font cannot show', async () => {
    const s = sampleStatement(2);
    const odd: Statement = { ...s, customer_name: 'Łukasz Nowak' };
    await expect(renderStatementPdf(odd)).rejects.toThrow(/cannot print "Ł" \(U\+0141\)/);
  });
});
