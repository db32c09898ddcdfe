import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFileStore, PdfParseTextExtractor, PdfkitStatementRenderer } from '@ledgerline/files';
import { generateStatements, scanIncoming, type BatchIngestOptions } from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { ledgerBalance } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { probeStore } from '@ledgerline/postgres/testing';

// The statement writer takes the balance step: accounts whose opening balance is recorded end
// every ingested file at the balance their ledger gives, in the file's own transaction.
const RUN = { seed: 23, customers: 3, startMonth: '2026-08', month: '2026-09', months: 1 };

describe('batch ingest keeps account balances (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;
  let dataDir: string;
  let options: BatchIngestOptions;
  const files = new LocalFileStore();
  // The statements cover September; the generator's dataset runs August..September.
  const dataset = generateDataset({ ...RUN, months: 2 });
  const before = (accountId: string) => dataset.transactions.filter((t) => t.account_id === accountId && t.occurred_at < `${RUN.month}-01`);
  const balances = () => probeStore(store).accountBalances();

  beforeAll(async () => {
    database = await createTestDatabase('batch_balances');
    store = await createPostgresStore({ url: database.url, poolSize: 2 });
    await store.migrate();
    dataDir = await mkdtemp(join(tmpdir(), 'batch-balances-'));
    options = {
      folders: { incoming: join(dataDir, 'incoming'), processed: join(dataDir, 'processed'), quarantine: join(dataDir, 'quarantine') },
      defaultCurrency: 'EUR',
      baseCurrency: 'EUR',
    };
    // The accounts as they stood on the first day of the statement month.
    const opening = Object.fromEntries(
      dataset.accounts.map((a) => [a.account_id, ledgerBalance(dataset.openingBalances[a.account_id] ?? 'missing', before(a.account_id), a.currency)]),
    );
    await store.withTransaction(async (tx) => {
      await tx.upsertCustomers(dataset.customers);
      await tx.upsertAccounts(dataset.accounts.map((a) => ({ ...a, balance: opening[a.account_id] ?? 'missing' })));
      await tx.recordOpeningBalances(opening);
    });
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("ends every account at the generator's closing balance once its statement is ingested; a re-import changes nothing", async () => {
    const generate = () =>
      generateStatements({ ...RUN, formats: ['csv'], outDir: options.folders.incoming, baseCurrency: 'EUR' }, { files, pdf: new PdfkitStatementRenderer() });
    const deps = { files, store, pdf: new PdfParseTextExtractor(), logger: silentLogger };
    await generate();
    const outcomes = await scanIncoming(deps, options);
    expect(outcomes.map((o) => o.status)).toEqual(dataset.accounts.map(() => 'loaded'));
    const after = await balances();
    for (const account of dataset.accounts) expect(after[account.account_id]).toBe(account.balance);

    // The same statements again: the same bytes are recognised and skipped, balances stay.
    await generate();
    await scanIncoming(deps, options);
    expect(await balances()).toEqual(after);
  });
});
