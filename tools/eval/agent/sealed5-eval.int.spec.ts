import { describe, expect, it } from 'vitest';
import { runSealed5Eval } from './run-sealed5.ts';
import { sealedScores } from './sealed-scores.ts';

// The fifth sealed held-out set (sealed5-cases.ts: 81 questions on its own dataset, written and
// committed before session 9 changed the planner). First run, on the planner as it was (main
// 8ccddda, 2026-12-07 23:27 UTC): 47 of 69 answerable exact, 0 partly, 14 wrong numbers, 8 refused
// although answerable; 9 of 12 unanswerable refused. After the session's class fixes (made on
// sealed4's misses, none on this set's words; scored once, not tuned to afterwards): 47 of 69
// exact, 0 partly, 14 wrong, 8 refused although answerable; 10 of 12 refused. Session 10 opened it and
// fixed its misses by class, with a structural guard (unread content is refused): 61 of 69 exact,
// 0 partly, 0 wrong, 8 refused although answerable; 12 of 12 refused; with ATMs read as the channel,
// 62 of 69. The floors keep the planner from getting
// worse; raise them as it improves, never lower them. Counts only: the set stays sealed.
describe('agent fifth sealed held-out evaluation', () => {
  it('holds its floor: exact answers, wrong numbers, refusals', async () => {
    const results = await runSealed5Eval();
    expect(results.length).toBeGreaterThanOrEqual(81);
    const { exact, wrong, crashes, refused, summary } = sealedScores(results);
    expect(crashes, summary).toBe(0);
    expect(exact, summary).toBeGreaterThanOrEqual(62);
    expect(wrong, summary).toBe(0);
    expect(refused, summary).toBeGreaterThanOrEqual(12);
  }, 240_000); // its own fixture and 81 questions: ~20 s on an idle machine, minutes under load
});
