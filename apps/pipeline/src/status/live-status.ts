import type { DbtBuildSummary } from '@ledgerline/warehouse-sync';

export interface StatusSnapshot {
  produced: number;
  landed: number;
  deadLettered: number;
  lag: number;
  filesIngested: number;
  filesQuarantined: number;
  /** The stream against the wall clock; absent = not known (older callers). */
  stream?: { clock: 'wall' | 'fast'; nextDueAt?: Date };
  /** What the sync stage is doing: a sync running, its dbt build running, or waiting. */
  syncPhase?: 'idle' | 'syncing' | 'dbt';
  /** When the scheduled sync next runs. */
  nextSyncAt?: Date;
  lastSync?: { at: Date; rows: number };
  dbt?: DbtBuildSummary;
  /** When `dbt` finished. */
  dbtAt?: Date;
  /** Why dbt never runs in this configuration (no Python, DBT_ENABLED=false). */
  dbtDisabled?: string;
  indexedDocuments?: number;
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/** 42s, 12m, 3h: how long until (or since) something, at the precision a status line needs. */
export function formatSpan(totalSeconds: number): string {
  if (totalSeconds < 90) return `${totalSeconds}s`;
  if (totalSeconds < 90 * 60) return `${Math.round(totalSeconds / 60)}m`;
  return `${Math.round(totalSeconds / 3600)}h`;
}

const clockTime = (d: Date) => d.toISOString().slice(11, 19);

function streamPart(s: StatusSnapshot, now: Date): string | undefined {
  if (!s.stream) return undefined;
  if (s.stream.clock === 'fast') return 'clock FAST (simulated, ahead of now)';
  return s.stream.nextDueAt ? `stream at now, next transaction in ${formatSpan(seconds(now, s.stream.nextDueAt))}` : 'stream catching up to now';
}

function syncPart(s: StatusSnapshot, now: Date): string {
  if (s.syncPhase === 'syncing') return 'sync running';
  if (s.syncPhase === 'dbt') return 'sync loaded';
  const next = s.nextSyncAt ? `next in ${formatSpan(seconds(now, s.nextSyncAt))}` : undefined;
  if (!s.lastSync) return next ? `first sync in ${formatSpan(seconds(now, s.nextSyncAt as Date))}` : 'sync not run yet';
  return `sync ${formatSpan(seconds(s.lastSync.at, now))} ago (${s.lastSync.rows} rows)${next ? `, ${next}` : ''}`;
}

function dbtPart(s: StatusSnapshot, now: Date): string {
  if (s.dbtDisabled) return `dbt off (${s.dbtDisabled})`;
  if (s.syncPhase === 'dbt') return 'dbt running';
  if (!s.dbt) return 'dbt after the first sync with rows';
  const outcome = s.dbt.testsFailed > 0 || s.dbt.failures.length > 0 ? 'FAILED' : 'ok';
  const when = s.dbtAt ? ` at ${clockTime(s.dbtAt)} (${formatSpan(seconds(s.dbtAt, now))} ago)` : '';
  return `dbt ${outcome}${when} (${s.dbt.modelsBuilt} models, ${s.dbt.testsPassed} tests)`;
}

/** One compact line of what the pipeline has done so far and what it does next: no "pending". */
export function formatStatusLine(s: StatusSnapshot, now: Date = new Date()): string {
  const parts = [
    `events produced ${s.produced} landed ${s.landed} dlq ${s.deadLettered} lag ${s.lag}`,
    streamPart(s, now),
    `files ingested ${s.filesIngested} quarantined ${s.filesQuarantined}`,
    syncPart(s, now),
    dbtPart(s, now),
  ].filter((p): p is string => p !== undefined);
  if (s.indexedDocuments !== undefined) parts.push(`index ${s.indexedDocuments} docs`);
  return parts.join(' | ');
}
