import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { tallyByClass } from './run-varied.ts';
import { buildSealedCases } from './sealed-cases.ts';

/** The sealed held-out questions (sealed-cases.ts) through the offline agent, each classified. */
export const runSealedEval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealedCases);

// Prints counts per class only: the set stays sealed (no question's answer is shown), so what it
// scores is not fitted to. `--open` prints every miss, for after the session that sealed it.
if (process.argv[1]?.endsWith('run-sealed.ts')) {
  const results = await runSealedEval();
  if (process.argv.includes('--open')) {
    for (const r of results.filter((x) => x.verdict !== 'exact' && x.verdict !== 'correct_refusal')) {
      console.log(`${r.verdict.padEnd(18)} ${r.case.id}: ${r.case.questions.at(-1)}\n    expected ${JSON.stringify(r.case.expect)}\n    got [${r.answer?.status}] ${(r.answer?.answer ?? r.error ?? '').replace(/\n/g, ' | ')}`);
    }
  }
  console.log(`${results.length} questions`);
  console.log(JSON.stringify(tallyByClass(results), null, 1));
}
