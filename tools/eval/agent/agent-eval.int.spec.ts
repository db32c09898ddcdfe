import { describe, expect, it } from 'vitest';
import { runAgentEval } from './run-eval.ts';

// The correctness bar of issue #9 (not a timing): the offline planner answers at least 90 % of
// the evaluation questions exactly right (every expected figure to the cent, every name).
describe('agent evaluation (offline planner)', () => {
  // Session 7 (2026-12-07): the floor is what it scores, 53 of 53 (the bar of issue #9 was 90 %).
  it('answers every one of the 53 questions exactly right', async () => {
    const report = await runAgentEval();
    const failures = report.results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.answer.answer} (missing ${r.missing.join(' | ')})`);
    expect(report.total).toBeGreaterThanOrEqual(53);
    expect(report.passed, failures.join('\n')).toBe(report.total);
  });
});
