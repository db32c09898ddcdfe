import { describe, expect, it } from 'vitest';
import { runAgentEval } from './run-eval.ts';

// The correctness bar of issue #9 (not a timing): the offline planner answers at least 90 % of
// the evaluation questions exactly right (every expected figure to the cent, every name).
describe('agent evaluation (offline planner)', () => {
  it('answers >= 90 % of the questions exactly right', async () => {
    const report = await runAgentEval();
    const failures = report.results.filter((r) => !r.ok).map((r) => `${r.id}: ${r.answer.answer} (missing ${r.missing.join(' | ')})`);
    expect(report.total).toBeGreaterThanOrEqual(40);
    expect(report.score, failures.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
