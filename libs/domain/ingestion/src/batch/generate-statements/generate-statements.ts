import { renderStatementCsv } from '../../statements/csv/render-statement-csv.ts';
import type { StatementPdfRenderer } from '../../statements/pdf/statement-pdf-renderer.port.ts';
import type { Statement } from '../../statements/statement.ts';
import type { TradeMarket } from '@ledgerline/transactions';
import type { FileStore } from '../file-store.port.ts';
import { accountMonthStatements } from './account-month-statements.ts';
import { consecutiveMonths, monthsBetween } from './statement-months.ts';
import { winAnsiStatement } from './win-ansi-text.ts';

export const STATEMENT_FORMATS = ['csv', 'pdf'] as const;
export type StatementFileFormat = (typeof STATEMENT_FORMATS)[number];

export interface GenerateStatementsOptions {
  /** Generator seed, customers and first simulated month: the same as the seed/stream run's to get its tx_ids. */
  seed: number;
  customers: number;
  /**
   * The stream's growth points (StreamPlan.growth): a stream restarted with more --customers is
   * replayed with them, so its later months are the stream's too. Absent: the population never grew.
   */
  growth?: ReadonlyArray<{ atPosition: number; customers: number }>;
  startMonth: string;
  /** First statement month (`YYYY-MM`, not before `startMonth`) and how many months from there. */
  month: string;
  months: number;
  formats: readonly StatementFileFormat[];
  outDir: string;
  baseCurrency: string;
  bank?: string;
  /** The price series of the run's investment trades (as the seed/stream run's); absent: no trades. */
  market?: TradeMarket;
}

export interface GeneratedStatementFile {
  name: string;
  path: string;
  format: StatementFileFormat;
  account_id: string;
  month: string;
  rows: number;
}

export interface GenerateStatementsDeps {
  files: FileStore;
  pdf: StatementPdfRenderer;
  /** After each statement's files are written; `index` counts from 1 up to `total` statements. */
  onStatement?: (written: GeneratedStatementFile[], index: number, total: number) => void;
}

export interface GenerateStatementsReport {
  customers: number;
  accounts: number;
  months: string[];
  statements: number;
  /** Transactions printed on the statements written. */
  transactions: number;
  files: GeneratedStatementFile[];
}

/**
 * Monthly CSV and PDF statements of every generated account, from the same generator as the
 * stream and the seed (so their tx_ids match), reproducible by seed. Each file is written
 * atomically (temp name, then rename): an ingester watching `outDir` never sees half a file.
 */
export async function generateStatements(options: GenerateStatementsOptions, deps: GenerateStatementsDeps): Promise<GenerateStatementsReport> {
  const offset = monthsBetween(options.startMonth, options.month);
  if (offset < 0) throw new RangeError(`statement month ${options.month} is before the first simulated month ${options.startMonth}`);
  const months = consecutiveMonths(options.month, options.months);
  // Loaded on first use: the generator brings faker, which an ingest-only process never needs.
  const { generateDataset } = await import('@ledgerline/transactions/generator');
  const dataset = generateDataset({
    seed: options.seed,
    customers: options.customers,
    startMonth: options.startMonth,
    months: offset + options.months,
    baseCurrency: options.baseCurrency,
    ...(options.growth ? { growth: options.growth } : {}),
    ...(options.market ? { market: options.market } : {}),
  });
  const total = dataset.accounts.length * months.length;
  const report: GenerateStatementsReport = { customers: dataset.customers.length, accounts: dataset.accounts.length, months, statements: 0, transactions: 0, files: [] };
  for (const statement of accountMonthStatements(dataset, months, options.bank)) {
    const written: GeneratedStatementFile[] = [];
    for (const format of options.formats) written.push(await writeStatement(statement, format, options.outDir, deps));
    report.statements += 1;
    report.transactions += statement.transactions.length;
    report.files.push(...written);
    deps.onStatement?.(written, report.statements, total);
  }
  return report;
}

async function writeStatement(statement: Statement, format: StatementFileFormat, outDir: string, deps: GenerateStatementsDeps): Promise<GeneratedStatementFile> {
  const name = statementFileName(statement, format);
  // The CSV is UTF-8 and keeps every character; the PDF prints names in its fonts' character set.
  const data = format === 'csv' ? renderStatementCsv(statement) : await deps.pdf.render(winAnsiStatement(statement));
  const path = await deps.files.writeAtomic(outDir, name, data);
  return { name, path, format, account_id: statement.account_id, month: statement.period.month, rows: statement.transactions.length };
}

/** `statement_<account>_<YYYY-MM>.<format>`; account ids are file-name safe ([A-Za-z0-9-]). */
export function statementFileName(statement: Pick<Statement, 'account_id' | 'period'>, format: StatementFileFormat): string {
  const account = statement.account_id.replace(/[^A-Za-z0-9._-]/g, '_');
  return `statement_${account}_${statement.period.month}.${format}`;
}
