import { describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import { ACCOUNT, CUSTOMER, marchTransactions } from '../../statements/__fixtures__/sample-account.ts';
import { parseMappingProfile } from '../../statements/csv/mapping-profile.ts';
import { renderStatementCsv } from '../../statements/csv/render-statement-csv.ts';
import { buildStatement, statementDescription } from '../../statements/statement.ts';
import { StoreConstraintError } from '../../ports/store-constraint-error.ts';
import { MemoryFileStore } from '../test-doubles/memory-file-store.test-helper.ts';
import { MemoryTransactionStore } from '../test-doubles/memory-transaction-store.test-helper.ts';
import { TextPdfExtractor, textPdf } from '../test-doubles/text-pdf.test-helper.ts';
import type { BatchIngestOptions } from './batch-ingest-options.ts';
import { FileChangedWhileReadingError, ingestStatementFile } from './ingest-statement-file.ts';
import { UNKNOWN_ACCOUNT_REASON } from './resolve-statement-account.ts';

const folders = { incoming: 'in', processed: 'done', quarantine: 'bad' };
const options: BatchIngestOptions = { folders, defaultCurrency: 'EUR', baseCurrency: 'EUR', chunkSize: 7 };
const transactions = marchTransactions(40);
const statement = buildStatement(ACCOUNT, CUSTOMER, transactions, '5000.00', { month: '2026-03' });
const csv = renderStatementCsv(statement);

function setUp() {
  const files = new MemoryFileStore();
  const store = new MemoryTransactionStore();
  const progress: number[] = [];
  const deps = { files, store, pdf: new TextPdfExtractor(), logger: silentLogger, onProgress: (p: { rows: number }) => progress.push(p.rows) };
  const ingest = async (name: string, data: string | Uint8Array, opts: Partial<BatchIngestOptions> = {}) => {
    files.put('in', name, data);
    const [file] = (await files.list('in')).filter((f) => f.name === name);
    if (!file) throw new Error('not listed');
    return ingestStatementFile(file, deps, { ...options, ...opts });
  };
  return { files, store, progress, ingest };
}

function report(files: MemoryFileStore, name: string): Record<string, unknown> {
  return JSON.parse(files.text(`bad/${name}.error.json`)) as Record<string, unknown>;
}

describe('ingestStatementFile', () => {
  it('loads our CSV statement in one transaction with our tx_ids, records it and moves it to processed/', async () => {
    const { files, store, progress, ingest } = setUp();
    const outcome = await ingest('march.csv', csv);
    expect(outcome).toMatchObject({ status: 'loaded', format: 'csv', account_id: ACCOUNT.account_id, rows: 40, inserted: 40, duplicates: 0, movedTo: 'done/march.csv' });
    expect(store.commits).toBe(1);
    // The balance step ran in that one transaction, for the statement's account.
    expect(store.recomputed).toEqual([[ACCOUNT.account_id]]);
    expect(progress).toEqual([7, 14, 21, 28, 35, 40]);
    expect(files.names('in')).toEqual([]);
    for (const original of transactions) {
      const stored = store.rows.get(original.tx_id);
      expect(stored).toMatchObject({
        account_id: ACCOUNT.account_id,
        occurred_at: `${original.occurred_at.slice(0, 10)}T12:00:00.000Z`,
        amount: original.amount,
        direction: original.direction,
        description: statementDescription(original),
        category: original.category,
        source: 'csv',
      });
    }
    const [manifest] = [...store.files.values()];
    expect(manifest).toMatchObject({ file_name: 'march.csv', format: 'csv', rows: 40 });
  });

  it('treats the same bytes again as a no-op that names the earlier load', async () => {
    const { files, store, ingest } = setUp();
    await ingest('march.csv', csv);
    const again = await ingest('march-copy.csv', csv);
    expect(again).toMatchObject({ status: 'already_ingested', previous: { file_name: 'march.csv' }, movedTo: 'done/march-copy.csv' });
    expect(store.commits).toBe(1);
    expect(files.names('done')).toEqual(['march-copy.csv', 'march.csv']);
  });

  it('adds nothing for an overlapping re-export of the same period in another format', async () => {
    const { store, ingest } = setUp();
    const pdf = await ingest('march.pdf', textPdf(statement));
    expect(pdf).toMatchObject({ status: 'loaded', format: 'pdf', rows: 40, inserted: 40 });
    const before = new Map(store.rows);
    const overlap = await ingest('march.csv', csv);
    expect(overlap).toMatchObject({ status: 'loaded', rows: 40, inserted: 0, updated: 0, duplicates: 40 });
    expect(store.rows).toEqual(before);
    expect(store.files.size).toBe(2);
  });

  it('quarantines a file with a bad row after earlier chunks were written, and keeps nothing of it', async () => {
    const { files, store, progress, ingest } = setUp();
    // Longer than the parser's 200-line detection sample, so earlier chunks are written first.
    const lines = renderStatementCsv(buildStatement(ACCOUNT, CUSTOMER, marchTransactions(400), '5000.00')).split('\r\n');
    const target = lines.findIndex((l) => l.startsWith('2026-03-')) + 300;
    lines[target] = (lines[target] as string).replace(/^2026-03-\d\d/, '2026-02-30');
    const outcome = await ingest('broken.csv', lines.join('\r\n'));
    expect(outcome).toMatchObject({ status: 'quarantined', line: target + 1, column: 'Date', movedTo: 'bad/broken.csv' });
    if (outcome.status === 'quarantined') expect(outcome.reason).toContain("'2026-02-30' is not a valid date");
    expect(progress.length).toBeGreaterThan(10);
    expect(store.rows.size).toBe(0);
    expect(store.files.size).toBe(0);
    expect(report(files, 'broken.csv')).toMatchObject({ file: 'broken.csv', line: target + 1, column: 'Date', format: 'csv', dialect: { delimiter: ',', headerLine: 9 } });
  });

  it('refuses our statement when its balances do not add up', async () => {
    const { store, ingest } = setUp();
    const tampered = csv.replace('Closing balance,', 'Closing balance,1');
    const outcome = await ingest('tampered.csv', tampered);
    expect(outcome).toMatchObject({ status: 'quarantined' });
    if (outcome.status === 'quarantined') expect(outcome.reason).toMatch(/^balances do not add up/);
    expect(store.rows.size).toBe(0);
  });

  it('needs the account of a foreign bank export, and namespaces its ids', async () => {
    const { files, store, ingest } = setUp();
    const foreign = 'Date,Description,Amount\n2026-03-01,Coffee,-3.50\n2026-03-02,Coffee,-3.50\n';
    const refused = await ingest('foreign.csv', foreign);
    expect(refused).toMatchObject({ status: 'quarantined', line: 0, reason: UNKNOWN_ACCOUNT_REASON });
    expect(report(files, 'foreign.csv')).toMatchObject({ reason: UNKNOWN_ACCOUNT_REASON });

    const loaded = await ingest('foreign-2.csv', foreign, { account: 'ACC-FOREIGN' });
    expect(loaded).toMatchObject({ status: 'loaded', account_id: 'ACC-FOREIGN', rows: 2, inserted: 2 });
    for (const row of store.rows.values()) expect(row.tx_id).toMatch(/^csv:[0-9a-f]{64}$/);
  });

  it('takes the account of a foreign export from the mapping profile; --account wins over it', async () => {
    const { store, ingest } = setUp();
    const profile = parseMappingProfile({ name: 'My bank', account: 'ACC-PROFILE', currency: 'GBP' });
    const foreign = 'Date,Description,Amount\n2026-03-01,Coffee,-3.50\n';
    await expect(ingest('one.csv', foreign, { profile })).resolves.toMatchObject({ status: 'loaded', account_id: 'ACC-PROFILE' });
    expect([...store.rows.values()][0]).toMatchObject({ account_id: 'ACC-PROFILE', currency: 'GBP', amount: '3.50', direction: 'DEBIT' });
    const other = 'Date,Description,Amount\n2026-03-02,Tea,-2.50\n';
    await expect(ingest('two.csv', other, { profile, account: 'ACC-FLAG' })).resolves.toMatchObject({ status: 'loaded', account_id: 'ACC-FLAG' });
  });

  it('refuses a statement for another account than the one given', async () => {
    const { ingest } = setUp();
    const outcome = await ingest('march.csv', csv, { account: 'ACC-OTHER' });
    expect(outcome).toMatchObject({ status: 'quarantined' });
    if (outcome.status === 'quarantined') expect(outcome.reason).toContain(`statement is for account ${ACCOUNT.account_id}, but account ACC-OTHER was given`);
  });

  it('quarantines a file whose rows would take a balance below zero, and keeps nothing of it', async () => {
    const { files, store, ingest } = setUp();
    const refuse = () => {
      throw new StoreConstraintError({ table: 'accounts', constraint: 'accounts_balance_non_negative', kind: 'check', keyColumn: 'account_id', rowKey: ACCOUNT.account_id });
    };
    store.failBalanceStep = refuse;
    const outcome = await ingest('march.csv', csv);
    expect(outcome).toMatchObject({ status: 'quarantined' });
    expect(JSON.stringify(report(files, 'march.csv'))).toContain('accounts_balance_non_negative');
    expect(store.rows.size).toBe(0);
  });

  it('quarantines what is not a statement, saying why', async () => {
    const { ingest } = setUp();
    await expect(ingest('zero.dat', '')).resolves.toMatchObject({ status: 'quarantined', format: 'unknown', reason: 'empty file (0 bytes)' });
    await expect(ingest('zero.csv', '')).resolves.toMatchObject({ status: 'quarantined', format: 'csv', reason: 'empty file (0 bytes)' });
    await expect(ingest('blank.csv', '\n\n  \n')).resolves.toMatchObject({ status: 'quarantined', reason: 'empty file: only blank lines' });
    await expect(ingest('image.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).resolves.toMatchObject({
      status: 'quarantined',
      reason: expect.stringContaining('binary content'),
    });
    await expect(ingest('letter.pdf', '%PDF-text\nDear customer,\nthank you.')).resolves.toMatchObject({
      status: 'quarantined',
      format: 'pdf',
      reason: expect.stringContaining('not one of our statements'),
    });
  });

  it('quarantines a CSV cut off inside its last amount instead of loading the short value, and loads the full file later', async () => {
    const { files, store, ingest } = setUp();
    const full = 'Date,Description,Amount\r\n2026-03-01,Rent,-950.00\r\n2026-03-02,Salary,100.00\r\n';
    const cut = full.slice(0, full.lastIndexOf('0.00'));
    const outcome = await ingest('cut.csv', cut, { account: 'ACC-FOREIGN' });
    expect(outcome).toMatchObject({ status: 'quarantined', line: 3, reason: 'appears truncated at line 3 (its last line has no line end while every other line has one)' });
    expect(report(files, 'cut.csv')).toMatchObject({ line: 3, reason: 'appears truncated at line 3 (its last line has no line end while every other line has one)' });
    expect(store.rows.size).toBe(0);
    await expect(ingest('full.csv', full, { account: 'ACC-FOREIGN' })).resolves.toMatchObject({ status: 'loaded', rows: 2, inserted: 2 });
    expect([...store.rows.values()].map((r) => r.amount).sort()).toEqual(['100.00', '950.00']);
  });

  // A German savings-bank export: the S/H marker column has no header, and the opening and closing
  // balances are printed as dated rows.
  const sparkasse = [
    'Umsatzanzeige;Girokonto;DE44500105175407324931',
    '',
    'Buchungstag;Valuta;Auftraggeber/Zahlungsempfänger;Vorgang/Verwendungszweck;Währung;Umsatz;',
    '01.03.2026;;;Anfangssaldo;EUR;1.200,00;H',
    '02.03.2026;02.03.2026;Stadtwerke;Abschlag Strom;EUR;45,90;S',
    '05.03.2026;05.03.2026;Arbeitgeber AG;Lohn März;EUR;2.500,00;H',
    '31.03.2026;31.03.2026;Sparkasse;Kontoführung;EUR;9,50;S',
    '31.03.2026;;;Endsaldo;EUR;3.644,60;H',
    '',
  ].join('\r\n');

  it('signs amounts by an S/H column with a blank header, and keeps the balance lines out of the rows', async () => {
    const { store, ingest } = setUp();
    const outcome = await ingest('umsaetze.csv', sparkasse, { account: 'ACC-DE' });
    expect(outcome).toMatchObject({ status: 'loaded', rows: 3, inserted: 3 });
    const stored = [...store.rows.values()].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
    expect(stored.map((t) => [t.occurred_at.slice(0, 10), t.direction, t.amount, t.description])).toEqual([
      ['2026-03-02', 'DEBIT', '45.90', 'Stadtwerke - Abschlag Strom'],
      ['2026-03-05', 'CREDIT', '2500.00', 'Arbeitgeber AG - Lohn März'],
      ['2026-03-31', 'DEBIT', '9.50', 'Sparkasse - Kontoführung'],
    ]);
  });

  it('quarantines an export whose balance lines do not add up with its rows', async () => {
    const { store, ingest } = setUp();
    const outcome = await ingest('umsaetze.csv', sparkasse.replace('45,90;S', '45,90;H'), { account: 'ACC-DE' });
    expect(outcome).toMatchObject({
      status: 'quarantined',
      line: 8,
      reason: 'balances do not add up: opening balance 1200.00 (line 4) + 3 transactions (2536.40) = 3736.40, but the closing balance is 3644.60',
    });
    expect(store.rows.size).toBe(0);
  });

  it('finds the header of a Hungarian bank export and of a PayPal activity export (Gross/Fee/Net)', async () => {
    const { store, ingest } = setUp();
    const hungarian = ['Könyvelés dátuma;Értéknap;Partner neve;Közlemény;Összeg;Pénznem', '2026.03.02.;2026.03.02.;MVM Next;Villanyszámla;-12 500;HUF', '2026.03.10.;2026.03.10.;Munkáltató Kft.;Bér március;450 000;HUF', ''].join('\n');
    await expect(ingest('hu.csv', hungarian, { account: 'ACC-HU' })).resolves.toMatchObject({ status: 'loaded', rows: 2 });
    expect([...store.rows.values()].map((t) => [t.direction, t.amount, t.currency, t.description])).toEqual([
      ['DEBIT', '12500.00', 'HUF', 'MVM Next - Villanyszámla'],
      ['CREDIT', '450000.00', 'HUF', 'Munkáltató Kft. - Bér március'],
    ]);
    const paypal = [
      '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","Transaction ID"',
      '"03/04/2026","10:12:01","PST","Acme Widgets","Express Checkout Payment","Completed","USD","-25.00","0.00","-25.00","7TY12345AB678901C"',
      '"03/15/2026","08:00:00","PST","Jane Doe","General Payment","Completed","USD","100.00","-3.20","96.80","1AB23456CD789012E"',
      '',
    ].join('\r\n');
    await expect(ingest('paypal.csv', paypal, { account: 'ACC-PP' })).resolves.toMatchObject({ status: 'loaded', rows: 2 });
    const pp = [...store.rows.values()].filter((t) => t.account_id === 'ACC-PP');
    expect(pp.map((t) => [t.direction, t.amount, t.currency, t.tx_id])).toEqual([
      ['DEBIT', '25.00', 'USD', 'csv:ACC-PP:7TY12345AB678901C'],
      ['CREDIT', '96.80', 'USD', 'csv:ACC-PP:1AB23456CD789012E'],
    ]);
  });

  it('throws when the store is down and leaves the file where it is', async () => {
    const { files, store, ingest } = setUp();
    store.down = true;
    await expect(ingest('march.csv', csv)).rejects.toThrow(/ECONNREFUSED/);
    expect(files.names('in')).toEqual(['march.csv']);
  });

  it('rolls back everything when the store fails in the middle of the file', async () => {
    const { files, store, ingest } = setUp();
    let calls = 0;
    store.beforeUpsert = () => {
      calls += 1;
      if (calls === 3) throw new Error('connection terminated unexpectedly');
    };
    await expect(ingest('march.csv', csv)).rejects.toThrow(/connection terminated/);
    expect(store.rows.size).toBe(0);
    expect(store.files.size).toBe(0);
    expect(files.names('in')).toEqual(['march.csv']);
  });
});

describe('ingestStatementFile and a writer that comes back while the file is read', () => {
  it('commits nothing and leaves the file in incoming/ when its size or mtime changed during the read', async () => {
    const { files, store } = setUp();
    files.put('in', 'growing.csv', csv.slice(0, csv.lastIndexOf('\n', csv.length / 2) + 1));
    const [file] = await files.list('in');
    if (!file) throw new Error('not listed');
    // The writer appends the rest after the file was listed and while its rows are being read.
    const readChunks = files.readChunks.bind(files);
    files.readChunks = async function* (path: string) {
      yield* readChunks(path);
      files.put('in', 'growing.csv', csv);
    };
    const deps = { files, store, pdf: new TextPdfExtractor(), logger: silentLogger };
    await expect(ingestStatementFile(file, deps, options)).rejects.toThrow(FileChangedWhileReadingError);
    expect(store.rows.size).toBe(0);
    expect(store.commits).toBe(0);
    expect(files.names('in')).toEqual(['growing.csv']);
    // Once settled, the whole file loads.
    files.readChunks = readChunks;
    const [settled] = await files.list('in');
    if (!settled) throw new Error('not listed');
    expect(await ingestStatementFile(settled, deps, options)).toMatchObject({ status: 'loaded', rows: 40 });
  });
});

describe('ingestStatementFile: the currency of rows whose file states none', () => {
  const foreign = 'Date,Description,Amount\n2026-03-01,Coffee,-3.20\n2026-03-02,Salary,1000.00\n';
  const foreignOptions: BatchIngestOptions = { folders, baseCurrency: 'EUR', account: 'ACC-F' };
  // Options exactly as given (setUp's ingest adds the spec's defaultCurrency).
  const setUpForeign = () => {
    const { files, store } = setUp();
    const deps = { files, store, pdf: new TextPdfExtractor(), logger: silentLogger };
    const ingest = async (name: string, data: string, opts: BatchIngestOptions) => {
      files.put('in', name, data);
      const [file] = (await files.list('in')).filter((f) => f.name === name);
      if (!file) throw new Error('not listed');
      return ingestStatementFile(file, deps, opts);
    };
    return { files, store, ingest };
  };

  it("is the stored account's currency (looked up through the store), never the base currency", async () => {
    const { store, ingest } = setUpForeign();
    store.accounts.set('ACC-F', { currency: 'JPY' });
    expect(await ingest('f.csv', foreign, foreignOptions)).toMatchObject({ status: 'loaded', rows: 2 });
    expect([...store.rows.values()].map((r) => r.currency)).toEqual(['JPY', 'JPY']);
  });

  it('is --currency for an account not stored yet', async () => {
    const { store, ingest } = setUpForeign();
    expect(await ingest('f.csv', foreign, { ...foreignOptions, defaultCurrency: 'CHF' })).toMatchObject({ status: 'loaded', rows: 2 });
    expect([...store.rows.values()].map((r) => r.currency)).toEqual(['CHF', 'CHF']);
  });

  it('is refused with the reason when neither is known, and when --currency contradicts the stored account', async () => {
    const { store, files, ingest } = setUpForeign();
    expect(await ingest('none.csv', foreign, foreignOptions)).toMatchObject({
      status: 'quarantined',
      line: 2,
      column: 'Currency',
      reason: "no currency: the file states none and account ACC-F has no currency on record; pass --currency (the account's currency)",
    });
    expect(report(files, 'none.csv')).toMatchObject({ line: 2, reason: expect.stringMatching(/^no currency: /) });
    store.accounts.set('ACC-F', { currency: 'JPY' });
    expect(await ingest('clash.csv', foreign, { ...foreignOptions, defaultCurrency: 'EUR' })).toMatchObject({
      status: 'quarantined',
      line: 0,
      reason: "--currency EUR contradicts account ACC-F's currency JPY",
    });
    expect(store.rows.size).toBe(0);
  });
});
