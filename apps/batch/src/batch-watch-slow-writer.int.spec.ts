import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStatementFormatReaders, IconvTextCodec, LocalFileStore, PdfParseTextExtractor } from '@ledgerline/files';
import { watchIncoming, type BatchIngestDeps, type BatchIngestOptions, type FileIngestOutcome, type IncomingWatcher } from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { probeStore } from '@ledgerline/postgres/testing';

const FIXTURES = new URL('../../../libs/adapters/files/src/statements/__fixtures__/', import.meta.url);
const STABLE_MS = 150;
const PAUSE_MS = 4 * STABLE_MS;

// A writer in its own process, as a bank-sync tool or a slow copy is: it appends each piece by
// reopening the file (the worst case: after a rename the next append creates a new file), and
// pauses PAUSE_MS -- four stability windows -- between pieces.
const WRITER = `
const { appendFileSync } = require('node:fs');
const pieces = JSON.parse(process.env.PIECES).map((p) => Buffer.from(p, 'base64'));
let i = 0;
const next = () => {
  appendFileSync(process.env.TARGET, pieces[i++]);
  if (i < pieces.length) setTimeout(next, Number(process.env.PAUSE_MS));
};
next();
`;

function writeSlowly(target: string, pieces: Buffer[]): Promise<number | null> {
  const child = spawn(process.execPath, ['-e', WRITER], {
    env: { ...process.env, TARGET: target, PIECES: JSON.stringify(pieces.map((p) => p.toString('base64'))), PAUSE_MS: String(PAUSE_MS) },
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
}

/** Cuts `bytes` before the first occurrence of each of the given markers (as text), so the pauses fall where they hurt most. */
function cutBefore(bytes: Buffer, markers: string[]): Buffer[] {
  const text = bytes.toString('latin1');
  const cuts = markers.map((m) => {
    const at = text.indexOf(m);
    if (at < 0) throw new Error(`marker ${m} not in the file`);
    return at;
  });
  return [0, ...cuts].map((start, i) => bytes.subarray(start, [...cuts, bytes.length][i]));
}

describe('batch ingest --watch and a slow writer in another process (PostgreSQL)', () => {
  let database: TestDatabase;
  let store: PostgresTransactionStore;
  let root: string;
  let deps: BatchIngestDeps;
  let options: BatchIngestOptions;
  let outcomes: FileIngestOutcome[];
  let watcher: IncomingWatcher | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('batch_slow_writer');
    store = await createPostgresStore({ url: database.url, poolSize: 2 });
    await store.migrate();
    root = await mkdtemp(join(tmpdir(), 'batch-slow-writer-'));
  });

  afterAll(async () => {
    await watcher?.stop();
    await store?.close();
    await database?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await watcher?.stop();
    await probeStore(store).truncate('transactions', 'ingested_files');
    const dataDir = await mkdtemp(join(root, 'data-'));
    const folders = { incoming: join(dataDir, 'incoming'), processed: join(dataDir, 'processed'), quarantine: join(dataDir, 'quarantine') };
    await mkdir(folders.incoming, { recursive: true });
    deps = { files: new LocalFileStore(), store, pdf: new PdfParseTextExtractor(), readers: createStatementFormatReaders(), codec: new IconvTextCodec(), logger: silentLogger };
    options = { folders, defaultCurrency: 'EUR', baseCurrency: 'EUR', account: 'ACC-SLOW' };
    outcomes = [];
    watcher = watchIncoming(deps, options, { stableMs: STABLE_MS, rescanMs: 50, debounceMs: 10, onOutcome: (o) => outcomes.push(o) });
  });

  const settle = async (expected: number) => {
    const deadline = Date.now() + 20_000;
    while (outcomes.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // Give the watcher time to (wrongly) take any further piece before judging.
    await new Promise((r) => setTimeout(r, 3 * STABLE_MS));
  };

  it('takes an OFX file paused after whole lines only once </OFX> has arrived: one file, every row', async () => {
    const ofx = await readFile(new URL('ofx-01-sgml-checking.ofx', FIXTURES));
    const pieces = cutBefore(ofx, ['<STMTTRN>', '<TRNTYPE>CHECK', '</BANKTRANLIST>']);
    expect(await writeSlowly(join(options.folders.incoming, 'march.ofx'), pieces)).toBe(0);
    await settle(1);
    expect(outcomes.map((o) => [o.file, o.status, o.status === 'loaded' ? o.rows : o])).toEqual([['march.ofx', 'loaded', 4]]);
    expect(await readdir(options.folders.quarantine).catch(() => [])).toEqual([]);
  });

  it('takes a CSV paused inside its lines (even inside an amount) only once its last line has ended', async () => {
    const csv = Buffer.from('Date,Description,Amount\r\n2026-03-01,Coffee,-3.20\r\n2026-03-02,Salary,1000.00\r\n2026-03-03,Rent,-500.00\r\n');
    const pieces = cutBefore(csv, ['ee,-3', '00.00\r\n2026-03-03', '0.00\r\n']);
    expect(await writeSlowly(join(options.folders.incoming, 'march.csv'), pieces)).toBe(0);
    await settle(1);
    expect(outcomes.map((o) => [o.file, o.status, o.status === 'loaded' ? o.rows : o])).toEqual([['march.csv', 'loaded', 3]]);
    const { rows } = await probeStore(store).query<{ amount: string }>("SELECT amount::text FROM transactions WHERE description = 'Salary'");
    expect(rows).toEqual([{ amount: '1000.00' }]);
  });

  it('takes an MT940 statement paused after a page (:62M:) only when its final :62F: has arrived', async () => {
    const mt940 = await readFile(new URL('mt940-03-two-pages.mt940', FIXTURES));
    const text = mt940.toString('latin1');
    const afterPage = text.indexOf('\n', text.indexOf(':62M:')) + 1; // a whole page, its lines ended
    const beforeFinal = text.indexOf(':62F:');
    const pieces = [mt940.subarray(0, afterPage), mt940.subarray(afterPage, beforeFinal), mt940.subarray(beforeFinal)];
    expect(await writeSlowly(join(options.folders.incoming, 'pages.mt940'), pieces)).toBe(0);
    await settle(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ file: 'pages.mt940', status: 'loaded' });
  });
});
