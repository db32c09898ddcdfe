import { describe, expect, it } from 'vitest';
import { runVariedEval, tallyByClass } from './run-varied.ts';

// The varied held-out set (varied-cases.ts). Its floors are what it scored on its first run
// (2026-12-07 03:00 UTC, offline planner, 119 questions): 81 of 101 answerable exact, 3 partly,
// 3 refused although answerable, 14 wrong numbers; 14 of 18 unanswerable refused, 4 answered.
// Issue #20's targets (>= 95 % exact, 0 wrong, every unanswerable refused) are NOT met; this
// spec keeps the planner from getting worse. Raise the floors as it improves, never lower them.
// After the first run the router learned to refuse estimates of the future, economic indicators
// and "why" questions (route-question.ts): the unanswerable part is no longer untuned (18 of 18).
// 2026-12-07 session 5 fixed the classes this set showed (income/net wording, ranges in words,
// "difference between", "how many percent", single-winner rankings, balances in other words,
// typos, spend and income together; unit tests in libs/domain/agent/src/planner): 101 of 101
// exact, 0 wrong. This set is tuned from here on; sealed-cases.ts is the held-out one.
describe('agent varied held-out evaluation', () => {
  it('holds the first-run floor: exact answers, wrong numbers, refusals', async () => {
    const results = await runVariedEval();
    expect(results.length).toBeGreaterThanOrEqual(119);
    const answerable = results.filter((r) => r.case.expect.kind === 'answer');
    const unanswerable = results.filter((r) => r.case.expect.kind === 'refused');
    const exact = answerable.filter((r) => r.verdict === 'exact').length;
    const wrong = answerable.filter((r) => r.verdict === 'wrong').map((r) => `${r.case.id}: ${r.answer?.answer ?? r.error}`);
    const crashes = results.filter((r) => r.verdict === 'crash').map((r) => `${r.case.id}: ${r.error ?? r.answer?.answer}`);
    const refused = unanswerable.filter((r) => r.verdict === 'correct_refusal').length;
    const summary = JSON.stringify(tallyByClass(results));
    expect(crashes, summary).toEqual([]);
    expect(exact, summary).toBeGreaterThanOrEqual(101);
    expect(wrong, summary).toEqual([]);
    expect(refused, summary).toBeGreaterThanOrEqual(18);
  });
});
