import { describe, expect, it } from 'vitest';
import { sealedScores } from './sealed-scores.ts';
import { runSealedEval } from './run-sealed.ts';

// The sealed held-out set (sealed-cases.ts, 50 questions, written before session 5 changed the
// planner and never looked at while changing it). First run, before any change (2026-12-07
// 11:58 UTC, offline planner): 31 of 42 answerable exact, 1 partly, 5 refused although
// answerable, 5 wrong numbers; 8 of 8 unanswerable refused. Issue #20's targets (>= 95 % exact,
// 0 wrong) are NOT met on it; the floors keep the planner from getting worse. Raise them as it
// improves, never lower them. After session 5's class fixes (made on the varied and probe sets,
// 12:17 UTC): 39 of 42 exact, 1 partly, 1 refused although answerable, 1 wrong; 8 of 8 refused.
describe('agent sealed held-out evaluation', () => {
  it('holds its floor: exact answers, wrong numbers, refusals', async () => {
    const results = await runSealedEval();
    expect(results.length).toBeGreaterThanOrEqual(50);
    const { exact, wrong, crashes, refused, summary } = sealedScores(results);
    expect(crashes, summary).toBe(0);
    // Session 7 (2026-12-07): 42 of 42 exact, 0 wrong - the floor since.
    expect(exact, summary).toBeGreaterThanOrEqual(42);
    expect(wrong, summary).toBe(0);
    expect(refused, summary).toBe(8);
  });
});
