import { describe, expect, it } from 'vitest';
import { runSealed3Eval } from './run-sealed3.ts';
import { sealedScores } from './sealed-scores.ts';

// The third sealed held-out set (sealed3-cases.ts: 63 questions on its own dataset, written and
// committed before session 7 changed the planner). First run, on the planner as it was (main
// 0944bac, 2026-12-07 18:05 UTC): 46 of 53 answerable exact, 2 partly, 1 refused although
// answerable, 4 wrong numbers; 8 of 10 unanswerable refused. The floors keep the planner from
// getting worse; raise them as it improves, never lower them. Counts only: the set stays sealed.
// After the session's class fixes (made on sealed2's misses, none on this set's words): 48 of 53
// exact, 2 partly, 1 refused although answerable, 2 wrong; 8 of 10 refused. Session 8 opened its
// misses and fixed them by class (planner/defect-classes-sealed3.spec.ts, other phrasings):
// 53 of 53 exact, 0 wrong, 10 of 10 refused. It is no longer a held-out set; sealed4 is.
describe('agent third sealed held-out evaluation', () => {
  it('holds its floor: exact answers, wrong numbers, refusals', async () => {
    const results = await runSealed3Eval();
    expect(results.length).toBeGreaterThanOrEqual(63);
    const { exact, wrong, crashes, refused, summary } = sealedScores(results);
    expect(crashes, summary).toBe(0);
    expect(exact, summary).toBeGreaterThanOrEqual(53);
    expect(wrong, summary).toBe(0);
    expect(refused, summary).toBeGreaterThanOrEqual(10);
  }, 240_000); // its own fixture and 63 questions: ~20 s on an idle machine, minutes under load
});
