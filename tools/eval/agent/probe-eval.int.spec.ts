import { describe, expect, it } from 'vitest';
import type { AnswerClass } from './grade-answer.ts';
import { runProbeEval, tally } from './run-probe.ts';

// Issue #20's bar on the probe questions (probe-cases.ts, expected figures from hand-written SQL):
// never a wrong number on the part the planner was changed for, every unanswerable question
// refused. The held-out part is a floor at what it scored when first run after the changes
// (21:50 UTC, 2026-12-06: 7 of 11 answerable exact, 1 wrong, 4 of 4 refused); raise it, never lower it.
// 2026-12-07 (session 5 class fixes: typos, "money out", "how much is left on", "fraudulent",
// spend and income together): tuned 14 of 15 exact, held out 11 of 11 exact, 0 wrong anywhere.
describe('agent probe evaluation (issue #20 question classes)', () => {
  it('gives no wrong number on the tuned part, refuses every unanswerable question, and holds the held-out floor', async () => {
    const results = await runProbeEval();
    const counts = tally(results);
    const bad = results
      .filter((r) => r.verdict === 'wrong' || r.verdict === 'crash')
      .map((r) => `${r.case.heldOut ? 'held-out ' : ''}${r.case.id}: ${r.answer?.answer ?? r.error}`);
    const tuned = counts.tuned as Record<AnswerClass, number>;
    const held = counts.held_out as Record<AnswerClass, number>;
    expect(results.length).toBeGreaterThanOrEqual(33);
    expect(tuned.wrong + tuned.crash, bad.join('\n')).toBe(0);
    const unanswerable = results.filter((r) => r.case.expect.kind === 'refused');
    expect(unanswerable.filter((r) => r.verdict !== 'correct_refusal').map((r) => r.case.id)).toEqual([]);
    expect(tuned.exact).toBeGreaterThanOrEqual(14);
    expect(held.exact).toBeGreaterThanOrEqual(11);
    expect(held.wrong + held.crash, bad.join('\n')).toBe(0);
  });
});
