import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { tallyByClass } from './run-varied.ts';
import { buildSealed3Cases, SEALED3_DATASET } from './sealed3-cases.ts';

/** The third sealed held-out set (sealed3-cases.ts, its own dataset) through the offline agent, each classified. */
export const runSealed3Eval = (): Promise<ProbeResult[]> => runClassifiedCases(buildSealed3Cases, SEALED3_DATASET);

// Counts per class only, never a question's answer: the set stays sealed so what it scores is not
// fitted to. `--open` prints every miss; only for a later session, once this one has reported.
if (process.argv[1]?.endsWith('run-sealed3.ts')) {
  const results = await runSealed3Eval();
  if (process.argv.includes('--open')) {
    for (const r of results.filter((x) => x.verdict !== 'exact' && x.verdict !== 'correct_refusal')) {
      console.log(`${r.verdict.padEnd(18)} ${r.case.id}: ${r.case.questions.at(-1)}\n    expected ${JSON.stringify(r.case.expect)}\n    got [${r.answer?.status}] ${(r.answer?.answer ?? r.error ?? '').replace(/\n/g, ' | ')}`);
    }
  }
  const answerable = results.filter((r) => r.case.expect.kind === 'answer');
  const count = (v: string) => answerable.filter((r) => r.verdict === v).length;
  console.log(`${results.length} questions, ${answerable.length} answerable: exact ${count('exact')}, partly ${count('partly')}, wrong ${count('wrong')}, refused though answerable ${count('refused_answerable')}, crash ${count('crash')}`);
  console.log(`unanswerable refused: ${results.filter((r) => r.case.expect.kind === 'refused' && r.verdict === 'correct_refusal').length} of ${results.length - answerable.length}`);
  console.log(JSON.stringify(tallyByClass(results), null, 1));
}
