import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { STATEMENT_CSV_HEADER, StatementCsvParser, StatementTransactionMapper, readStatementCsvPreamble } from '@ledgerline/ingestion';
import { fromCents, type Transaction } from '@ledgerline/transactions';
import { readFileChunks } from '@ledgerline/files';
import { bundleApp } from '../build/bundle-app.ts';

// Shared by the batch benchmarks (benchmarks/batch-*.ts); not a benchmark itself.

const DESCRIPTIONS = ['Card payment Corner Shop', 'Online order Bookshop, Inc.', 'Direct debit Energy Co', 'Transfer from savings', 'Metro ticket'];
const CATEGORIES = ['Shopping', 'Shopping', 'Utilities', 'Transfers', 'Transport'];

/**
 * One of our CSV statements with `rows` synthetic rows (preamble, header, running balances), written
 * straight to disk: ~92 bytes per row. Deterministic for its inputs.
 */
export async function writeStatementCsv(path: string, rows: number, accountId = 'A-BENCH-1', month = '2026-10'): Promise<void> {
  const days = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  const amount = (i: number): bigint => BigInt(((i * 7919) % 50_000) + 1) * (i % 2 === 0 ? -1n : 1n);
  const opening = 1_000_000_00n;
  let total = 0n;
  for (let i = 0; i < rows; i++) total += amount(i);
  const out = createWriteStream(path);
  const preamble = [
    `Bank,Ledgerline Bank`,
    `Customer,Benchmark Customer`,
    `Account,${accountId}`,
    `Currency,EUR`,
    `Period,${month}`,
    `Opening balance,${fromCents(opening)}`,
    `Closing balance,${fromCents(opening + total)}`,
  ];
  let text = `${preamble.join('\r\n')}\r\n\r\n${STATEMENT_CSV_HEADER.join(',')}\r\n`;
  let balance = opening;
  for (let i = 0; i < rows; i++) {
    const day = String(1 + Math.floor((i * days) / rows)).padStart(2, '0');
    balance += amount(i);
    const description = `${DESCRIPTIONS[i % DESCRIPTIONS.length]} ${i}`;
    const field = description.includes(',') ? `"${description}"` : description;
    text += `${month}-${day},T-${accountId}-${String(i).padStart(8, '0')},${field},${CATEGORIES[i % CATEGORIES.length]},${fromCents(amount(i))},EUR,${fromCents(balance)}\r\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, 'drain');
      text = '';
    }
  }
  out.end(text);
  await once(out, 'finish');
}

export const TRANSACTION_COLUMNS = [
  'tx_id', 'account_id', 'occurred_at', 'amount', 'direction', 'txn_type', 'currency', 'normalized_amount', 'merchant', 'mcc',
  'category', 'subcategory', 'channel', 'description', 'city', 'state', 'country', 'is_recurring', 'status', 'related_account_id',
  'source', 'source_ref',
] as const satisfies ReadonlyArray<keyof Transaction>;

export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The exact rows the ingester would store for a statement file, as a CSV in the transactions
 * table's column order: what `psql \copy` loads for the comparison.
 */
export async function writeCopyCsv(statementPath: string, copyPath: string): Promise<number> {
  const parser = new StatementCsvParser({ file: 'statement.csv' });
  const out = createWriteStream(copyPath);
  let mapper: StatementTransactionMapper | undefined;
  let count = 0;
  const write = async (rows: ReturnType<StatementCsvParser['push']>) => {
    if (!mapper) {
      const own = readStatementCsvPreamble(parser.dialect?.preamble ?? []);
      if (!own) throw new Error('not one of our statements');
      mapper = new StatementTransactionMapper({ account_id: own.account_id, currency: own.currency, source: 'csv', file: 'statement.csv', idPolicy: 'verbatim' });
    }
    let text = '';
    for (const row of rows) {
      const tx = mapper.map(row);
      text += `${TRANSACTION_COLUMNS.map((c) => copyField(tx[c])).join(',')}\n`;
    }
    count += rows.length;
    if (!out.write(text)) await once(out, 'drain');
  };
  for await (const chunk of readFileChunks(statementPath)) {
    const rows = parser.push(chunk);
    if (rows.length > 0) await write(rows);
  }
  await write(parser.end());
  out.end();
  await once(out, 'finish');
  return count;
}

export interface ChildRun {
  code: number | null;
  stdout: string[];
  stderr: string[];
  seconds: number;
}

/** Runs a command to completion and times it (wall clock, including process start). */
export function runChild(command: string, args: string[], options: { cwd: string; env?: Record<string, string>; unsetEnv?: string[] }): Promise<ChildRun> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of options.unsetEnv ?? []) delete env[name];
  const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(...c.toString('utf8').split('\n').filter(Boolean)));
  child.stderr.on('data', (c: Buffer) => stderr.push(...c.toString('utf8').split('\n').filter(Boolean)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

/**
 * `batch ingest --json` as its own node process (no npx wrapper: its RSS is the ingester's): through
 * the tsx loader as `nx run batch:serve` runs it, or, given `bundle` (see bundleBatchApp), as
 * plain JavaScript.
 */
export function ingestArgs(repoRoot: string, incoming: string, bundle?: string): string[] {
  const entry = bundle ? [bundle] : ['--import', 'tsx', join(repoRoot, 'apps', 'batch', 'src', 'main.ts')];
  return [...entry, 'ingest', '--json', '--dir', incoming];
}

/** The batch app bundled for plain node (tools/build/bundle-app.ts), under node_modules/.cache. */
export function bundleBatchApp(repoRoot: string): Promise<string> {
  return bundleApp(repoRoot, 'batch', join(repoRoot, 'node_modules', '.cache', 'bench-batch'));
}
