import type { AnswerClass } from './grade-answer.ts';
import { runClassifiedCases, type ProbeResult } from './run-probe.ts';
import { buildVariedCases } from './varied-cases.ts';

/** The varied held-out questions (varied-cases.ts) through the offline agent, each classified. */
export const runVariedEval = (): Promise<ProbeResult[]> => runClassifiedCases(buildVariedCases);

/** Verdict counts per question class. */
export function tallyByClass(results: readonly ProbeResult[]): Record<string, Partial<Record<AnswerClass, number>>> {
  const out: Record<string, Partial<Record<AnswerClass, number>>> = {};
  for (const r of results) {
    const row = (out[r.case.cls] ??= {});
    row[r.verdict] = (row[r.verdict] ?? 0) + 1;
  }
  return out;
}

if (process.argv[1]?.endsWith('run-varied.ts')) {
  const results = await runVariedEval();
  for (const r of results) {
    console.log(`${r.verdict.padEnd(18)} ${r.case.cls.padEnd(14)} ${r.case.id}: ${r.case.questions.at(-1)}`);
    if (r.verdict !== 'exact' && r.verdict !== 'correct_refusal') console.log(`    expected ${JSON.stringify(r.case.expect)}\n    got [${r.answer?.status}] ${(r.answer?.answer ?? r.error ?? '').replace(/\n/g, ' | ')}`);
  }
  console.log(`${results.length} questions`);
  console.log(JSON.stringify(tallyByClass(results), null, 1));
}
