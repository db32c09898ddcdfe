import { describe, expect, it } from 'vitest';
import { reconcileStream } from './stream-reconciliation.ts';

describe('reconcileStream', () => {
  it('balances a run that landed everything it produced plus an earlier run’s backlog', () => {
    const result = reconcileStream({
      before: { logEnd: 1000, stored: 880 },
      after: { logEnd: 1500, stored: 1490 },
      produced: 500,
      landed: 605,
      deadLettered: 5,
    });
    expect(result).toEqual({ ok: true, backlog: 120, inFlight: 10, summary: '500 events produced, 120 waiting from an earlier run, 605 landed, 5 dead-lettered, 10 in flight' });
  });

  // The defect of issue #25: a fresh bus at offset 0 under stored offsets of 600 per partition —
  // the sink skipped what was produced, and the old stop line still said nothing was wrong.
  it('names the difference when produced events neither landed nor wait in the log', () => {
    const result = reconcileStream({ before: { logEnd: 0, stored: 0 }, after: { logEnd: 3770, stored: 3770 }, produced: 3770, landed: 160, deadLettered: 0 });
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('counts do not add up');
    expect(result.summary).toContain('3770 produced = 3770, but 160 landed + 0 dead-lettered + 0 in flight = 160');
    expect(result.summary).toContain('the stored offsets advanced by 3770 events but the sink landed or dead-lettered 160');
  });

  it('notices a producer count the log does not confirm', () => {
    const result = reconcileStream({ before: { logEnd: 0, stored: 0 }, after: { logEnd: 90, stored: 90 }, produced: 100, landed: 90, deadLettered: 0 });
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('the log grew by 90 events but the producer counted 100');
  });
});
