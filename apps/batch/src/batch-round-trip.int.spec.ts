import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore, PdfParseTextExtractor, PdfkitStatementRenderer } from '@ledgerline/files';
import {
  generateStatements,
  scanIncoming,
  statementDescription,
  toWinAnsiText,
  type BatchIngestDeps,
  type BatchIngestOptions,
  type GenerateStatementsOptions,
} from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { fromCents, settlementCents, type GeneratedDataset } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { probeStore } from '@ledgerline/postgres/testing';

// Generate -> ingest -> compare with the generator's ground truth, on real PostgreSQL with the
// real adapters (pdfkit, pdf-parse, the local file system), in-process so differences are precise.
const RUN = { seed: 11, customers: 5, startMonth: '2026-08', month: '2026-09', months: 2 };

interface StoredRow {
  tx_id: string;
  account_id: string;
  date: string;
  amount: string;
  direction: string;
  currency: string;
  description: string | null;
  category: string;
  source: string;
}

/** What the statements from `firstMonth` on must put in the store, from the generator alone. */
function groundTruth(dataset: GeneratedDataset, firstMonth: string): Map<string, Omit<StoredRow, 'source'>> {
  const currencyOf = new Map(dataset.accounts.map((a) => [a.account_id, a.currency]));
  const expected = new Map<string, Omit<StoredRow, 'source'>>();
  for (const tx of dataset.transactions) {
    if (tx.occurred_at < `${firstMonth}-01`) continue; // before the first statement month: replayed, not printed
    const currency = currencyOf.get(tx.account_id) as string;
    // A foreign-currency payment is printed as it settled on the account.
    const settled = settlementCents(tx, currency);
    if (settled === 0n) continue;
    expected.set(tx.tx_id, {
      tx_id: tx.tx_id,
      account_id: tx.account_id,
      date: tx.occurred_at.slice(0, 10),
      amount: fromCents(settled),
      direction: tx.direction,
      currency,
      description: statementDescription(tx),
      category: tx.category,
    });
  }
  return expected;
}

describe('batch statements round trip (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;
  let dataDir: string;
  let deps: BatchIngestDeps;
  let options: BatchIngestOptions;
  const files = new LocalFileStore();
  const generate = (overrides: Partial<GenerateStatementsOptions> = {}) =>
    generateStatements(
      { ...RUN, formats: ['csv', 'pdf'], outDir: join(dataDir, 'incoming'), baseCurrency: 'EUR', ...overrides },
      { files, pdf: new PdfkitStatementRenderer() },
    );
  const storedRows = async () =>
    (
      await probeStore(store).query<StoredRow>(
        `SELECT tx_id, account_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, amount::text AS amount,
                direction, currency, description, category, source
         FROM transactions ORDER BY tx_id`,
      )
    ).rows;

  beforeAll(async () => {
    database = await createTestDatabase('batch_round_trip');
    store = await createPostgresStore({ url: database.url, poolSize: 2 });
    await store.migrate();
    dataDir = await mkdtemp(join(tmpdir(), 'batch-round-trip-'));
    deps = { files, store, pdf: new PdfParseTextExtractor(), logger: silentLogger };
    options = {
      folders: { incoming: join(dataDir, 'incoming'), processed: join(dataDir, 'processed'), quarantine: join(dataDir, 'quarantine') },
      defaultCurrency: 'EUR',
      baseCurrency: 'EUR',
    };
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('stores every statement transaction exactly as the generator made it; CSV and PDF of a month overlap completely', async () => {
    const report = await generate();
    const outcomes = await scanIncoming(deps, options);
    expect(outcomes).toHaveLength(report.files.length);
    expect(outcomes.filter((o) => o.status !== 'loaded')).toEqual([]);
    // Name order puts each month's CSV before its PDF: the PDF then adds nothing.
    for (const outcome of outcomes) {
      if (outcome.status !== 'loaded') continue;
      if (outcome.format === 'csv') expect([outcome.inserted, outcome.duplicates]).toEqual([outcome.rows, 0]);
      else expect([outcome.inserted, outcome.duplicates]).toEqual([0, outcome.rows]);
    }

    const expected = groundTruth(generateDataset({ ...RUN, months: 3 }), RUN.month);
    const stored = await storedRows();
    expect(stored.length).toBe(expected.size);
    expect(stored.length).toBe(report.transactions);
    for (const row of stored) {
      const { source, ...fields } = row;
      expect(source).toBe('csv');
      expect(fields).toEqual(expected.get(row.tx_id));
    }
    expect(await probeStore(store).count('ingested_files')).toBe(report.files.length);
    expect(await readdir(options.folders.incoming)).toEqual([]);
  });

  it('treats the same file again as a no-op and a re-export of the same period as adding nothing', async () => {
    const before = await storedRows();
    const processed = (await readdir(options.folders.processed)).filter((n) => n.endsWith('.csv'));
    const sample = processed[0] as string;
    await cp(join(options.folders.processed, sample), join(options.folders.incoming, `again-${sample}`));
    // Same period, other bank name: different bytes, the same transactions.
    await generate({ bank: 'Ledgerline Bank (re-export)', formats: ['pdf'], month: '2026-10', months: 1 });

    const outcomes = await scanIncoming(deps, options);
    const again = outcomes.find((o) => o.file === `again-${sample}`);
    expect(again).toMatchObject({ status: 'already_ingested', previous: { file_name: sample } });
    const reexports = outcomes.filter((o) => o.file !== `again-${sample}`);
    expect(reexports.length).toBeGreaterThan(0);
    for (const outcome of reexports) expect(outcome).toMatchObject({ status: 'loaded', inserted: 0, updated: 0 });
    expect(await storedRows()).toEqual(before);
  });

  it('leaves rows that came from the stream or the seed untouched when their statements arrive', async () => {
    const seeded = generateDataset({ ...RUN, seed: 12, months: 3 });
    const streamed = seeded.transactions.filter((t) => t.occurred_at >= `${RUN.month}-01`);
    await store.upsertTransactions(streamed);
    const seen = await store.transactionChangeInfo(streamed.map((t) => t.tx_id));
    await generate({ seed: 12 });
    const outcomes = await scanIncoming(deps, options);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'loaded', inserted: 0, updated: 0 });
    // Not one stored row was rewritten (the statement has no merchant, MCC or time of day).
    expect(await store.transactionChangeInfo(streamed.map((t) => t.tx_id))).toEqual(seen);
  });
});

describe('batch statements on PGlite', () => {
  it('loads PDF statements as the generator made them, and their CSVs add nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'batch-pglite-'));
    const store = await createPostgresStore({ pgliteDir: 'memory://' });
    try {
      await store.migrate();
      const files = new LocalFileStore();
      const run = { seed: 5, customers: 2, startMonth: '2026-09', month: '2026-09', months: 1, outDir: join(dataDir, 'incoming'), baseCurrency: 'EUR' };
      const options = {
        folders: { incoming: join(dataDir, 'incoming'), processed: join(dataDir, 'processed'), quarantine: join(dataDir, 'quarantine') },
        defaultCurrency: 'EUR',
        baseCurrency: 'EUR',
      };
      const deps = { files, store, pdf: new PdfParseTextExtractor(), logger: silentLogger };
      const pdfs = await generateStatements({ ...run, formats: ['pdf'] }, { files, pdf: new PdfkitStatementRenderer() });
      expect((await scanIncoming(deps, options)).map((o) => o.status)).toEqual(pdfs.files.map(() => 'loaded'));

      const expected = groundTruth(generateDataset({ ...run, months: 1 }), run.month);
      const { rows } = await probeStore(store).query<StoredRow>(
        `SELECT tx_id, account_id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, amount::text AS amount,
                direction, currency, description, category, source FROM transactions`,
      );
      expect(rows.length).toBe(expected.size);
      for (const { source, ...fields } of rows) {
        const truth = expected.get(fields.tx_id);
        expect(source).toBe('pdf');
        // The PDF prints names in its fonts' character set (ś -> s); everything else is exact.
        expect(fields).toEqual({ ...truth, description: toWinAnsiText(truth?.description ?? '') });
      }

      await generateStatements({ ...run, formats: ['csv'] }, { files, pdf: new PdfkitStatementRenderer() });
      for (const outcome of await scanIncoming(deps, options)) expect(outcome).toMatchObject({ status: 'loaded', inserted: 0, updated: 0 });
      expect(await store.countTransactions()).toBe(expected.size);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
