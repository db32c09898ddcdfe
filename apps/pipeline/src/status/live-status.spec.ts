import { describe, expect, it } from 'vitest';
import { formatSpan, formatStatusLine } from './live-status.ts';

describe('formatStatusLine', () => {
  const base = { produced: 1200, landed: 1188, deadLettered: 2, lag: 10, filesIngested: 4, filesQuarantined: 1 };
  const now = new Date('2026-11-23T10:00:30Z');
  const dbt = { modelsBuilt: 21, testsPassed: 170, testsFailed: 0, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 9 };

  it('says what comes next instead of "pending" before the first sync', () => {
    const line = formatStatusLine({ ...base, syncPhase: 'idle', nextSyncAt: new Date('2026-11-23T10:00:48Z') }, now);
    expect(line).toBe('events produced 1200 landed 1188 dlq 2 lag 10 | files ingested 4 quarantined 1 | first sync in 18s | dbt after the first sync with rows');
    expect(line).not.toContain('pending');
  });

  it('shows a sync and a dbt build while they run', () => {
    expect(formatStatusLine({ ...base, syncPhase: 'syncing' }, now)).toContain('| sync running |');
    const building = formatStatusLine({ ...base, syncPhase: 'dbt', lastSync: { at: new Date('2026-11-23T09:59:00Z'), rows: 3 } }, now);
    expect(building).toContain('| sync loaded | dbt running');
  });

  it('shows the last sync age, the next sync and the last dbt result with its time', () => {
    const line = formatStatusLine(
      {
        ...base,
        syncPhase: 'idle',
        nextSyncAt: new Date('2026-11-23T10:00:55Z'),
        lastSync: { at: new Date('2026-11-23T10:00:00Z'), rows: 500 },
        dbt: { ...dbt, testsFailed: 1 },
        dbtAt: new Date('2026-11-23T10:00:10Z'),
        indexedDocuments: 300,
      },
      now,
    );
    expect(line).toContain('sync 30s ago (500 rows), next in 25s');
    expect(line).toContain('dbt FAILED at 10:00:10 (20s ago) (21 models, 170 tests)');
    expect(line).toContain('index 300 docs');
  });

  it('names why dbt never runs', () => {
    expect(formatStatusLine({ ...base, dbtDisabled: 'DBT_ENABLED=false' }, now)).toContain('dbt off (DBT_ENABLED=false)');
  });

  it('says where the stream stands against the wall clock, and loudly when the clock is fast', () => {
    expect(formatStatusLine({ ...base, stream: { clock: 'wall' } }, now)).toContain('| stream catching up to now |');
    expect(formatStatusLine({ ...base, stream: { clock: 'wall', nextDueAt: new Date('2026-11-23T10:12:30Z') } }, now)).toContain(
      '| stream at now, next transaction in 12m |',
    );
    expect(formatStatusLine({ ...base, stream: { clock: 'fast' } }, now)).toContain('| clock FAST (simulated, ahead of now) |');
  });

  it('rounds spans to what a status line needs', () => {
    expect([formatSpan(5), formatSpan(89), formatSpan(90), formatSpan(3 * 3600)]).toEqual(['5s', '89s', '2m', '3h']);
  });
});
