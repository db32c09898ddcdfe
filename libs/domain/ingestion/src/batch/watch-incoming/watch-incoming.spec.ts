import { describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import { ACCOUNT, CUSTOMER, marchTransactions } from '../../statements/__fixtures__/sample-account.ts';
import { renderStatementCsv } from '../../statements/csv/render-statement-csv.ts';
import { buildStatement } from '../../statements/statement.ts';
import type { FileIngestOutcome } from '../ingest-statement-file/file-ingest-outcome.ts';
import { MemoryFileStore } from '../test-doubles/memory-file-store.test-helper.ts';
import { MemoryTransactionStore } from '../test-doubles/memory-transaction-store.test-helper.ts';
import { TextPdfExtractor } from '../test-doubles/text-pdf.test-helper.ts';
import { watchIncoming } from './watch-incoming.ts';

const options = { folders: { incoming: 'in', processed: 'done', quarantine: 'bad' }, defaultCurrency: 'EUR', baseCurrency: 'EUR' };
const csv = renderStatementCsv(buildStatement(ACCOUNT, CUSTOMER, marchTransactions(5), '100.00'));

function until(predicate: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const poll = () => {
      if (predicate()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

describe('watchIncoming', () => {
  it('ingests files as they arrive, quarantines bad ones and keeps watching', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    const outcomes: FileIngestOutcome[] = [];
    const watcher = watchIncoming({ files, store, pdf: new TextPdfExtractor(), logger: silentLogger }, options, {
      stableMs: 20,
      rescanMs: 60_000, // events alone must drive this test
      debounceMs: 5,
      onOutcome: (o) => outcomes.push(o),
    });
    files.put('in', 'bad-1.csv', 'Date,Amount\n2026-03-01,abc\n');
    files.put('in', 'bad-2.csv', new Uint8Array([0, 1, 2, 3]));
    await until(() => outcomes.length === 2, 'two bad files');
    files.put('in', 'good.csv', csv);
    await until(() => outcomes.length === 3, 'the good file');
    await watcher.stop();
    await watcher.done;
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([
      ['bad-1.csv', 'quarantined'],
      ['bad-2.csv', 'quarantined'],
      ['good.csv', 'loaded'],
    ]);
    expect(store.rows.size).toBe(5);
    expect(files.names('in')).toEqual([]);
  });

  it('waits while a file is still growing and rescans without events', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    const outcomes: FileIngestOutcome[] = [];
    // No events at all: only the periodic rescan finds the file.
    files.watch = () => ({ close: () => undefined });
    const watcher = watchIncoming({ files, store, pdf: new TextPdfExtractor(), logger: silentLogger }, options, {
      stableMs: 250,
      rescanMs: 10,
      onOutcome: (o) => outcomes.push(o),
    });
    const half = csv.slice(0, csv.length / 2);
    files.put('in', 'march.csv', half);
    // Rewritten a few times (a new mtime each time) well within stableMs: never taken half-written.
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      files.put('in', 'march.csv', half);
    }
    files.put('in', 'march.csv', csv);
    await until(() => outcomes.length === 1, 'the file');
    await watcher.stop();
    expect(outcomes[0]).toMatchObject({ status: 'loaded', rows: 5 });
  });
});

describe('watchIncoming and files that stop changing before they are finished', () => {
  it('holds a file whose last line has no line end, then quarantines it as truncated once it stayed so for incompleteMs', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    const outcomes: FileIngestOutcome[] = [];
    const watcher = watchIncoming({ files, store, pdf: new TextPdfExtractor(), logger: silentLogger }, options, {
      stableMs: 10,
      incompleteMs: 300,
      rescanMs: 10,
      onOutcome: (o) => outcomes.push(o),
    });
    const started = Date.now();
    const cut = csv.slice(0, csv.length - 3); // the last amount cut short, no line end
    files.put('in', 'cut.csv', cut);
    await until(() => outcomes.length === 1, 'the cut file');
    await watcher.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(outcomes[0]).toMatchObject({ status: 'quarantined', file: 'cut.csv', reason: expect.stringMatching(/^appears truncated at line \d+ \(its last line has no line end while every other line has one\)$/) });
    expect(store.rows.size).toBe(0);
  });

  it('takes the finished file when the writer comes back within incompleteMs', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    const outcomes: FileIngestOutcome[] = [];
    const watcher = watchIncoming({ files, store, pdf: new TextPdfExtractor(), logger: silentLogger }, options, {
      stableMs: 10,
      incompleteMs: 60_000,
      rescanMs: 10,
      onOutcome: (o) => outcomes.push(o),
    });
    files.put('in', 'slow.csv', csv.slice(0, csv.length - 3));
    await new Promise((resolve) => setTimeout(resolve, 200)); // twenty stability windows of silence
    expect(outcomes).toEqual([]);
    files.put('in', 'slow.csv', csv);
    await until(() => outcomes.length === 1, 'the finished file');
    await watcher.stop();
    expect(outcomes[0]).toMatchObject({ status: 'loaded', rows: 5 });
  });
});
