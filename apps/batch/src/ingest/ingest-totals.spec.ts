import { describe, expect, it } from 'vitest';
import type { FileIngestOutcome } from '@ledgerline/ingestion';
import { formatTotals, totalsOf } from './ingest-totals.ts';

const loaded = (rows: number, inserted: number): FileIngestOutcome => ({
  status: 'loaded',
  file: 'a.csv',
  format: 'csv',
  sha256: 'a'.repeat(64),
  account_id: 'A-1',
  rows,
  inserted,
  updated: 0,
  duplicates: rows - inserted,
  seconds: 1,
  movedTo: 'processed/a.csv',
});

describe('totalsOf', () => {
  it('counts outcomes by status and adds up the rows of loaded files', () => {
    const totals = totalsOf([loaded(10, 10), loaded(5, 0), { status: 'failed', file: 'b.csv', error: 'down' }]);
    expect(totals).toEqual({ files: 3, loaded: 2, already_ingested: 0, quarantined: 0, failed: 1, rows: 15, inserted: 10, duplicates: 5 });
    expect(formatTotals(totals, 1.5)).toBe('3 file(s) in 1.50 s: 2 loaded (15 rows, 10 new, 5 duplicates), 0 already ingested, 0 quarantined, 1 failed');
  });
});
