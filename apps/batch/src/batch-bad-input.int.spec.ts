import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { LocalFileStore, PdfParseTextExtractor, PdfkitStatementRenderer } from '@ledgerline/files';
import {
  generateStatements,
  scanIncoming,
  watchIncoming,
  type BatchIngestDeps,
  type BatchIngestOptions,
  type FileIngestOutcome,
  type GeneratedStatementFile,
} from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { probeStore } from '@ledgerline/postgres/testing';

interface BadFile {
  name: string;
  bytes: Uint8Array;
  expected: { line: number; column?: string; reason: string };
}

/** A real PDF that is not a statement. */
function letterPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Dear customer, thank you for banking with us.');
  doc.end();
  return done;
}

/** Replaces physical line `line` (1-based) of a CRLF file. */
function withLine(csv: string, line: number, edit: (text: string) => string): Uint8Array {
  const lines = csv.split('\r\n');
  lines[line - 1] = edit(lines[line - 1] as string);
  return new TextEncoder().encode(lines.join('\r\n'));
}

describe('batch ingest of bad input (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;
  let root: string;
  let dataDir: string;
  let deps: BatchIngestDeps;
  let options: BatchIngestOptions;
  let good: { csv: GeneratedStatementFile; pdf: GeneratedStatementFile };
  let badFiles: BadFile[];

  beforeAll(async () => {
    database = await createTestDatabase('batch_bad_input');
    store = await createPostgresStore({ url: database.url, poolSize: 2 });
    await store.migrate();
    root = await mkdtemp(join(tmpdir(), 'batch-bad-input-'));
    // One generated account-month with enough rows for a bad line 37, as CSV and PDF.
    const report = await generateStatements(
      { seed: 21, customers: 4, startMonth: '2026-09', month: '2026-09', months: 1, formats: ['csv', 'pdf'], outDir: join(root, 'source'), baseCurrency: 'EUR' },
      { files: new LocalFileStore(), pdf: new PdfkitStatementRenderer() },
    );
    const csv = report.files.filter((f) => f.format === 'csv').sort((a, b) => b.rows - a.rows)[0] as GeneratedStatementFile;
    expect(csv.rows).toBeGreaterThan(40);
    const pdf = report.files.find((f) => f.format === 'pdf' && f.account_id === csv.account_id) as GeneratedStatementFile;
    good = { csv, pdf };
    const csvText = await readFile(csv.path, 'utf8');
    const pdfBytes = await readFile(pdf.path);
    badFiles = [
      { name: 'truncated.pdf', bytes: pdfBytes.subarray(0, Math.floor(pdfBytes.length / 2)), expected: { line: 0, reason: 'truncated PDF: the file ends before its %%EOF marker' } },
      { name: 'letter.pdf', bytes: await letterPdf(), expected: { line: 0, reason: 'no statement table found (this PDF is not one of our statements)' } },
      { name: 'empty.csv', bytes: new TextEncoder().encode('\r\n\r\n  \r\n'), expected: { line: 0, reason: 'empty file: only blank lines' } },
      {
        name: 'bad-date-line-37.csv',
        bytes: withLine(csvText, 37, (l) => l.replace(/^2026-09-\d\d/, '2026-09-31')),
        expected: { line: 37, column: 'Date', reason: "'2026-09-31' is not a valid date" },
      },
      {
        name: 'wrong-column-count.csv',
        bytes: withLine(csvText, 20, (l) => l.replace(/,[^,]*$/, '')),
        expected: { line: 20, reason: 'wrong column count: expected 7 fields (as in the header on line 9), found 6' },
      },
      { name: 'zero-bytes.csv', bytes: new Uint8Array(0), expected: { line: 0, reason: 'empty file (0 bytes)' } },
      {
        name: 'binary.csv',
        bytes: Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
        expected: { line: 0, reason: 'not a statement: binary content (neither a PDF nor a delimited text file)' },
      },
    ];
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await probeStore(store).truncate('transactions', 'ingested_files');
    dataDir = await mkdtemp(join(root, 'data-'));
    const folders = { incoming: join(dataDir, 'incoming'), processed: join(dataDir, 'processed'), quarantine: join(dataDir, 'quarantine') };
    await mkdir(folders.incoming, { recursive: true });
    deps = { files: new LocalFileStore(), store, pdf: new PdfParseTextExtractor(), logger: silentLogger };
    options = { folders, defaultCurrency: 'EUR', baseCurrency: 'EUR' };
  });

  const count = (table: string) => probeStore(store).count(table);

  it('quarantines each bad file with a precise reason and a report, and loads nothing of it', async () => {
    for (const bad of badFiles) await writeFile(join(options.folders.incoming, bad.name), bad.bytes);
    const outcomes = await scanIncoming(deps, options);

    expect(outcomes.map((o) => o.status)).toEqual(badFiles.map(() => 'quarantined'));
    for (const bad of badFiles) {
      const outcome = outcomes.find((o) => o.file === bad.name);
      if (outcome?.status !== 'quarantined') throw new Error(`${bad.name} was not quarantined`);
      expect({ line: outcome.line, column: outcome.column }).toEqual({ line: bad.expected.line, column: bad.expected.column });
      expect(outcome.reason).toContain(bad.expected.reason);
      const report = JSON.parse(await readFile(join(options.folders.quarantine, `${bad.name}.error.json`), 'utf8')) as Record<string, unknown>;
      expect(report).toMatchObject({ file: bad.name, line: bad.expected.line, reason: outcome.reason });
      if (bad.expected.column) expect(report.column).toBe(bad.expected.column);
    }
    // The CSVs that got as far as a header carry the dialect that was detected.
    const dated = JSON.parse(await readFile(join(options.folders.quarantine, 'bad-date-line-37.csv.error.json'), 'utf8')) as { dialect: unknown };
    expect(dated.dialect).toMatchObject({ delimiter: ',', headerLine: 9, dateFormat: 'YYYY-MM-DD' });

    expect(await count('transactions')).toBe(0);
    expect(await count('ingested_files')).toBe(0);
    expect(await readdir(options.folders.incoming)).toEqual([]);
  });

  it('keeps watching while bad files arrive, and loads the good one that follows', async () => {
    const outcomes: FileIngestOutcome[] = [];
    // A half PDF and an empty file do not look finished: held for incompleteMs, then quarantined.
    const watcher = watchIncoming(deps, options, { stableMs: 200, incompleteMs: 600, rescanMs: 1_000, onOutcome: (o) => outcomes.push(o) });
    try {
      // Plain writes (not atomic renames), one after another, as an operator copying files would.
      for (const bad of badFiles) await writeFile(join(options.folders.incoming, bad.name), bad.bytes);
      await writeFile(join(options.folders.incoming, 'zz-good.csv'), await readFile(good.csv.path));
      const deadline = Date.now() + 60_000;
      while (outcomes.length < badFiles.length + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await watcher.stop();
    }
    expect(outcomes.find((o) => o.file === 'zz-good.csv')).toMatchObject({ status: 'loaded', rows: good.csv.rows, inserted: good.csv.rows });
    expect(outcomes.filter((o) => o.status === 'quarantined').map((o) => o.file).sort()).toEqual(badFiles.map((b) => b.name).sort());
    expect(await count('transactions')).toBe(good.csv.rows);
    expect(await count('ingested_files')).toBe(1);
    expect(await readdir(options.folders.processed)).toEqual(['zz-good.csv']);
  });
});
