import { describe, expect, it } from 'vitest';
import { formatStatusLine } from './live-status.ts';

describe('formatStatusLine', () => {
  const base = { produced: 1200, landed: 1188, deadLettered: 2, lag: 10, filesIngested: 4, filesQuarantined: 1 };

  it('shows every stage, pending ones included', () => {
    expect(formatStatusLine(base)).toBe(
      'events produced 1200 landed 1188 dlq 2 lag 10 | files ingested 4 quarantined 1 | sync pending | dbt pending',
    );
  });

  it('shows the last sync age and the dbt outcome', () => {
    const now = new Date('2026-11-23T10:00:30Z');
    const line = formatStatusLine(
      {
        ...base,
        lastSync: { at: new Date('2026-11-23T10:00:00Z'), rows: 500 },
        dbt: { modelsBuilt: 21, testsPassed: 170, testsFailed: 1, testsWarned: 0, skipped: 0, failures: [], elapsedSeconds: 9 },
        indexedDocuments: 300,
      },
      now,
    );
    expect(line).toContain('sync 30s ago (500 rows)');
    expect(line).toContain('dbt FAILED (21 models, 170 tests)');
    expect(line).toContain('index 300 docs');
  });
});
