import { describe, expect, it } from 'vitest';
import { generateDataset } from '@ledgerline/transactions/generator';
import { readStatementCsvPreamble } from '../../statements/csv/read-statement-csv-preamble.ts';
import { parseStatementCsv } from '../../statements/csv/parse-statement-csv.ts';
import type { StatementPdfRenderer } from '../../statements/pdf/statement-pdf-renderer.port.ts';
import { MemoryFileStore } from '../test-doubles/memory-file-store.test-helper.ts';
import { textPdf } from '../test-doubles/text-pdf.test-helper.ts';
import { generateStatements, type GenerateStatementsOptions } from './generate-statements.ts';

const pdf: StatementPdfRenderer = { render: async (statement) => textPdf(statement) };
const options: GenerateStatementsOptions = {
  seed: 7,
  customers: 4,
  startMonth: '2026-08',
  month: '2026-09',
  months: 2,
  formats: ['csv', 'pdf'],
  outDir: 'out',
  baseCurrency: 'EUR',
};

describe('generateStatements', () => {
  it('writes a CSV and a PDF per account and month, reproducibly', async () => {
    const first = new MemoryFileStore();
    const report = await generateStatements(options, { files: first, pdf });
    expect(report.months).toEqual(['2026-09', '2026-10']);
    expect(report.statements).toBe(report.accounts * 2);
    expect(first.names('out')).toHaveLength(report.statements * 2);
    expect(first.names('out')).toContain(`statement_${report.files[0]?.account_id}_2026-09.pdf`);

    const second = new MemoryFileStore();
    await generateStatements(options, { files: second, pdf });
    for (const name of first.names('out')) expect(second.text(`out/${name}`)).toBe(first.text(`out/${name}`));
  });

  it('chains balances month to month and ends at the generator closing balance', async () => {
    const files = new MemoryFileStore();
    await generateStatements({ ...options, formats: ['csv'] }, { files, pdf });
    // The dataset ends with the last statement month, so the closing balances must be the accounts' balances.
    const dataset = generateDataset({ seed: 7, customers: 4, startMonth: '2026-08', months: 3 });
    for (const account of dataset.accounts) {
      const september = csvPreamble(files.text(`out/statement_${account.account_id}_2026-09.csv`));
      const october = csvPreamble(files.text(`out/statement_${account.account_id}_2026-10.csv`));
      expect(october.opening_balance).toBe(september.closing_balance);
      expect(october.closing_balance).toBe(account.balance);
      expect(october.currency).toBe(account.currency);
    }
  });

  it('prints every transaction of the statement months once, in the account currency', async () => {
    const files = new MemoryFileStore();
    await generateStatements({ ...options, formats: ['csv'] }, { files, pdf });
    const dataset = generateDataset({ seed: 7, customers: 4, startMonth: '2026-08', months: 3 });
    const currencyOf = new Map(dataset.accounts.map((a) => [a.account_id, a.currency]));
    const printed = new Map<string, { currency: string | undefined; amount: string }>();
    for (const name of files.names('out')) {
      for (const row of parseStatementCsv(new TextEncoder().encode(files.text(`out/${name}`))).rows) {
        expect(printed.has(row.external_id ?? '')).toBe(false);
        printed.set(row.external_id ?? '', { currency: row.currency, amount: row.amount });
      }
    }
    const expected = dataset.transactions.filter((t) => t.occurred_at >= '2026-09');
    expect(expected.some((t) => t.currency !== currencyOf.get(t.account_id))).toBe(true);
    expect([...printed.keys()].sort()).toEqual(expected.map((t) => t.tx_id).sort());
    for (const t of expected) {
      const row = printed.get(t.tx_id);
      expect(row?.currency).toBe(currencyOf.get(t.account_id));
      if (t.currency === currencyOf.get(t.account_id)) expect(row?.amount).toBe(t.direction === 'DEBIT' ? `-${t.amount}` : t.amount);
    }
  });

  it('refuses a statement month before the simulation starts', async () => {
    await expect(generateStatements({ ...options, month: '2026-07' }, { files: new MemoryFileStore(), pdf })).rejects.toThrow(/before the first simulated month/);
  });
});

function csvPreamble(text: string) {
  const { dialect } = parseStatementCsv(new TextEncoder().encode(text));
  const preamble = readStatementCsvPreamble(dialect.preamble);
  if (!preamble) throw new Error('not our statement');
  return preamble;
}
