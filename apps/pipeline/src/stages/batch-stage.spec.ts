import { describe, expect, it } from 'vitest';
import { statementMonth } from './batch-stage.ts';

describe('statementMonth (batch-statements)', () => {
  const now = new Date('2026-12-07T03:00:00Z');
  it("writes the backfill day's month, else the last completed month, never one before the stream began", () => {
    expect(statementMonth({ interval: { start: '2026-11-15', end: '2026-11-16' } }, '2026-10', now)).toBe('2026-11');
    expect(statementMonth({}, '2026-10', now)).toBe('2026-11');
    // The stream began this month: no month of it is over, so no statement (one of the running
    // month would hold rows the stream has not reached, future-dated ones too).
    expect(statementMonth({}, '2026-12', now)).toBeUndefined();
    expect(() => statementMonth({ interval: { start: '2026-12-01', end: '2026-12-02' } }, '2026-10', now)).toThrow('2026-12-01 is in 2026-12, which is not over yet');
    expect(() => statementMonth({ interval: { start: '2026-09-30', end: '2026-10-01' } }, '2026-10', now)).toThrow("2026-09-30 is before the stream's first month 2026-10");
  });
});
