import { groupDigits, type FileIngestOutcome } from '@ledgerline/ingestion';

export interface IngestTotals {
  files: number;
  loaded: number;
  already_ingested: number;
  quarantined: number;
  failed: number;
  rows: number;
  inserted: number;
  duplicates: number;
}

export function totalsOf(outcomes: FileIngestOutcome[]): IngestTotals {
  const totals: IngestTotals = { files: outcomes.length, loaded: 0, already_ingested: 0, quarantined: 0, failed: 0, rows: 0, inserted: 0, duplicates: 0 };
  for (const o of outcomes) {
    totals[o.status] += 1;
    if (o.status === 'loaded') {
      totals.rows += o.rows;
      totals.inserted += o.inserted;
      totals.duplicates += o.duplicates;
    }
  }
  return totals;
}

export function formatTotals(t: IngestTotals, seconds: number): string {
  const n = groupDigits;
  return (
    `${n(t.files)} file(s) in ${seconds.toFixed(2)} s: ${n(t.loaded)} loaded (${n(t.rows)} rows, ${n(t.inserted)} new, ${n(t.duplicates)} duplicates), ` +
    `${n(t.already_ingested)} already ingested, ${n(t.quarantined)} quarantined, ${n(t.failed)} failed`
  );
}
