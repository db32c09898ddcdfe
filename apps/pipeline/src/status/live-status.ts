import type { DbtBuildSummary } from '@ledgerline/warehouse-sync';

export interface StatusSnapshot {
  produced: number;
  landed: number;
  deadLettered: number;
  lag: number;
  filesIngested: number;
  filesQuarantined: number;
  lastSync?: { at: Date; rows: number };
  dbt?: DbtBuildSummary;
  indexedDocuments?: number;
}

/** One compact line of what the pipeline has done so far. */
export function formatStatusLine(s: StatusSnapshot, now: Date = new Date()): string {
  const parts = [
    `events produced ${s.produced} landed ${s.landed} dlq ${s.deadLettered} lag ${s.lag}`,
    `files ingested ${s.filesIngested} quarantined ${s.filesQuarantined}`,
    s.lastSync ? `sync ${Math.round((now.getTime() - s.lastSync.at.getTime()) / 1000)}s ago (${s.lastSync.rows} rows)` : 'sync pending',
    s.dbt
      ? `dbt ${s.dbt.testsFailed > 0 || s.dbt.failures.length > 0 ? 'FAILED' : 'ok'} (${s.dbt.modelsBuilt} models, ${s.dbt.testsPassed} tests)`
      : 'dbt pending',
  ];
  if (s.indexedDocuments !== undefined) parts.push(`index ${s.indexedDocuments} docs`);
  return parts.join(' | ');
}
