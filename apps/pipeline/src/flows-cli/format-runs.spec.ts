import { describe, expect, it } from 'vitest';
import { formatDuration, formatHistory } from './format-runs.ts';

describe('flows history table', () => {
  it('shows start, end, duration, outcome, rows and the error of each run, newest first as given', () => {
    const lines = formatHistory([
      { id: 'b2c3d4e5-0000-5000-8000-000000000000', flow: 'landing-load', state: 'failed', attempts: 2, queuedAt: new Date('2026-12-07T03:00:00Z'), startedAt: new Date('2026-12-07T03:00:01Z'), finishedAt: new Date('2026-12-07T03:00:13.5Z'), error: 'IO Error: Could not open warehouse.duckdb' },
      { id: 'a1b2c3d4-0000-5000-8000-000000000000', flow: 'market-prices', state: 'succeeded', attempts: 1, interval: { start: '2026-12-01', end: '2026-12-02' }, queuedAt: new Date('2026-12-07T02:00:00Z'), startedAt: new Date('2026-12-07T02:00:00Z'), finishedAt: new Date('2026-12-07T02:04:05Z'), rows: 5321 },
      { id: 'c3d4e5f6-0000-5000-8000-000000000000', flow: 'warehouse-sync', state: 'queued', attempts: 0, queuedAt: new Date('2026-12-07T01:00:00Z') },
    ]);
    expect(lines).toEqual([
      'flow            run       state      attempts  day         started (UTC)        finished (UTC)       duration  rows  error',
      'landing-load    b2c3d4e5  failed     2         -           2026-12-07 03:00:01  2026-12-07 03:00:13  12.5 s    -     IO Error: Could not open warehouse.duckdb',
      'market-prices   a1b2c3d4  succeeded  1         2026-12-01  2026-12-07 02:00:00  2026-12-07 02:04:05  4m05s     5321',
      'warehouse-sync  c3d4e5f6  queued     0         -           -                    -                    -         -',
    ]);
    expect(formatHistory([])).toEqual(['no runs yet']);
    expect(formatDuration(7_530_000)).toBe('2h05m');
  });
});
