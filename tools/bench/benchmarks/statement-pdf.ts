import { parseStatementPdf, renderStatementPdf } from '@ledgerline/files';
import { buildStatement } from '@ledgerline/ingestion';
import { fromCents, type Account, type Customer, type Transaction } from '@ledgerline/transactions';
import { defineBenchmark } from '../benchmark.ts';

// PDF statements: pages/s rendered (pdfkit, what `batch generate` does) and pages/s read back
// (pdf-parse text extraction + statement parsing + balance checks, what `batch ingest` does per PDF).
//   BENCH_PDF_STATEMENTS (default 4), BENCH_PDF_ROWS (rows per statement, default 1500)
function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const customer: Customer = {
  customer_id: 'C-BENCH', kind: 'PERSONAL', persona: 'family', name: 'Benchmark Customer', email: null, city: 'Lyon', state: null,
  country: 'FR', created_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z',
};

function statement(index: number, rows: number) {
  const account: Account = {
    account_id: `A-BENCH-${index}`, customer_id: customer.customer_id, account_type: 'CHECKING', currency: 'EUR', balance: '0.00',
    status: 'ACTIVE', opened_at: '2024-01-01T00:00:00.000Z', updated_at: '2024-01-01T00:00:00.000Z',
  };
  const descriptions = ['Card payment Corner Shop', 'Online order Bookshop, Inc.', 'Direct debit Energy Company monthly plan with a long reference 0042', 'Salary ACME GmbH'];
  const transactions: Transaction[] = Array.from({ length: rows }, (_, i) => {
    const credit = i % 4 === 3;
    const amount = fromCents(BigInt(((i * 7919) % 50_000) + 1));
    return {
      tx_id: `T-${index}-${String(i).padStart(6, '0')}`, account_id: account.account_id,
      occurred_at: new Date(Date.UTC(2026, 9, 1 + Math.floor((i * 31) / rows), 12, 0, i % 60)).toISOString(),
      amount, direction: credit ? 'CREDIT' : 'DEBIT', txn_type: credit ? 'SALARY' : 'PURCHASE', currency: 'EUR', normalized_amount: amount,
      merchant: null, mcc: null, category: credit ? 'Income' : 'Shopping', subcategory: null, channel: 'CARD_PRESENT',
      description: `${descriptions[i % descriptions.length]} ${i}`, city: null, state: null, country: null, is_recurring: false,
      status: 'POSTED', related_account_id: null, source: 'seed', source_ref: null, asset_symbol: null, quantity: null, unit_price: null, fee: null,
    };
  });
  return buildStatement(account, customer, transactions, '100000.00', { month: '2026-10' });
}

export default defineBenchmark({
  name: 'statement-pdf',
  description: 'statement PDFs: pages/s rendered with pdfkit and pages/s read back (pdf-parse + parse + balance checks)',
  async run({ log }) {
    const count = intFromEnv('BENCH_PDF_STATEMENTS', 4);
    const rows = intFromEnv('BENCH_PDF_ROWS', 1500);
    const statements = Array.from({ length: count }, (_, i) => statement(i, rows));
    await parseStatementPdf(await renderStatementPdf(statement(99, 50))); // load pdfkit and pdf.js before the clock starts

    log(`rendering ${count} statements of ${rows} rows`);
    let started = performance.now();
    const pdfs: Buffer[] = [];
    for (const s of statements) pdfs.push(await renderStatementPdf(s));
    const renderSeconds = (performance.now() - started) / 1000;

    log('reading them back');
    started = performance.now();
    let pages = 0;
    for (const [i, pdf] of pdfs.entries()) {
      const parsed = await parseStatementPdf(pdf, `statement-${i}.pdf`);
      if (parsed.rows.length !== rows) throw new Error(`read ${parsed.rows.length} rows of ${rows}`);
      pages += parsed.pages;
    }
    const parseSeconds = (performance.now() - started) / 1000;
    const megabytes = pdfs.reduce((n, p) => n + p.length, 0) / 1e6;
    return {
      metrics: [
        { name: 'render', value: Math.round(pages / renderSeconds), unit: 'pages/s' },
        { name: 'read back', value: Math.round(pages / parseSeconds), unit: 'pages/s' },
        { name: 'read back', value: Math.round((count * rows) / parseSeconds), unit: 'rows/s' },
      ],
      notes: [`${count} statements x ${rows} rows = ${pages} pages (${megabytes.toFixed(2)} MB of PDF), pdfkit 0.20, pdf-parse 2.4, one process`],
    };
  },
});
