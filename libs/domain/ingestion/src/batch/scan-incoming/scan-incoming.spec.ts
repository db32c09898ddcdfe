import { describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import { ACCOUNT, CUSTOMER, marchTransactions } from '../../statements/__fixtures__/sample-account.ts';
import { renderStatementCsv } from '../../statements/csv/render-statement-csv.ts';
import { buildStatement } from '../../statements/statement.ts';
import type { FileIngestOutcome } from '../ingest-statement-file/file-ingest-outcome.ts';
import { MemoryFileStore } from '../test-doubles/memory-file-store.test-helper.ts';
import { MemoryTransactionStore } from '../test-doubles/memory-transaction-store.test-helper.ts';
import { TextPdfExtractor } from '../test-doubles/text-pdf.test-helper.ts';
import { scanIncoming } from './scan-incoming.ts';

const options = { folders: { incoming: 'in', processed: 'done', quarantine: 'bad' }, defaultCurrency: 'EUR', baseCurrency: 'EUR' };
const csv = renderStatementCsv(buildStatement(ACCOUNT, CUSTOMER, marchTransactions(5), '100.00'));

describe('scanIncoming', () => {
  it('ingests every file in name order, quarantining bad ones and going on', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    files.put('in', 'a-bad.csv', 'Date,Amount\n2026-03-01,abc\n');
    files.put('in', 'b-good.csv', csv);
    files.put('in', '.c-good.csv.123.tmp', csv);
    const seen: FileIngestOutcome[] = [];
    const outcomes = await scanIncoming({ files, store, pdf: new TextPdfExtractor(), logger: silentLogger }, options, { onOutcome: (o) => seen.push(o) });
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([
      ['a-bad.csv', 'quarantined'],
      ['b-good.csv', 'loaded'],
    ]);
    expect(seen).toEqual(outcomes);
    expect(store.rows.size).toBe(5);
    expect(files.names('in')).toEqual(['.c-good.csv.123.tmp']);
  });

  it('reports a file it could not load because of the store as failed and leaves it for the next scan', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    files.put('in', 'march.csv', csv);
    store.down = true;
    const deps = { files, store, pdf: new TextPdfExtractor(), logger: silentLogger };
    const [failed] = await scanIncoming(deps, options);
    expect(failed).toMatchObject({ status: 'failed', file: 'march.csv', error: expect.stringContaining('ECONNREFUSED') });
    expect(files.names('in')).toEqual(['march.csv']);
    store.down = false;
    const [loaded] = await scanIncoming(deps, options);
    expect(loaded).toMatchObject({ status: 'loaded', rows: 5 });
  });

  it('takes only the files the caller says are ready', async () => {
    const files = new MemoryFileStore();
    const store = new MemoryTransactionStore();
    files.put('in', 'later.csv', csv);
    const outcomes = await scanIncoming({ files, store, pdf: new TextPdfExtractor(), logger: silentLogger }, options, { ready: () => false });
    expect(outcomes).toEqual([]);
    expect(files.names('in')).toEqual(['later.csv']);
  });
});
