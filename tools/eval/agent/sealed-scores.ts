import type { ProbeResult } from './run-probe.ts';
import { tallyByClass } from './run-varied.ts';

/** What a sealed set's CI floor checks: counts only, never a question's answer (the set stays sealed). */
export interface SealedScores {
  questions: number;
  answerable: number;
  exact: number;
  partly: number;
  wrong: number;
  refusedAnswerable: number;
  crashes: number;
  /** Unanswerable questions correctly refused. */
  refused: number;
  /** Counts per class, as the message of a failed floor. */
  summary: string;
}

export function sealedScores(results: readonly ProbeResult[]): SealedScores {
  const answerable = results.filter((r) => r.case.expect.kind === 'answer');
  const count = (verdict: ProbeResult['verdict']) => answerable.filter((r) => r.verdict === verdict).length;
  return {
    questions: results.length,
    answerable: answerable.length,
    exact: count('exact'),
    partly: count('partly'),
    wrong: count('wrong'),
    refusedAnswerable: count('refused_answerable'),
    crashes: results.filter((r) => r.verdict === 'crash').length,
    refused: results.filter((r) => r.case.expect.kind === 'refused' && r.verdict === 'correct_refusal').length,
    summary: JSON.stringify(tallyByClass(results)),
  };
}

/**
 * A sealed runner's report: counts per class. `open` (the runner's `--open`) also prints every
 * miss with its question and answer: only for a session after the one that sealed the set.
 */
export function printSealedReport(results: readonly ProbeResult[], open: boolean): void {
  if (open) {
    for (const r of results.filter((x) => x.verdict !== 'exact' && x.verdict !== 'correct_refusal')) {
      console.log(`${r.verdict.padEnd(18)} ${r.case.id}: ${r.case.questions.at(-1)}\n    expected ${JSON.stringify(r.case.expect)}\n    got [${r.answer?.status}] ${(r.answer?.answer ?? r.error ?? '').replace(/\n/g, ' | ')}`);
    }
  }
  const s = sealedScores(results);
  console.log(`${s.questions} questions, ${s.answerable} answerable: exact ${s.exact}, partly ${s.partly}, wrong ${s.wrong}, refused though answerable ${s.refusedAnswerable}, crash ${s.crashes}`);
  console.log(`unanswerable refused: ${s.refused} of ${s.questions - s.answerable}`);
  console.log(JSON.stringify(tallyByClass(results), null, 1));
}
