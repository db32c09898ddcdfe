import { withDuckDb } from '@ledgerline/duckdb';
import type { AgentAnswer } from '@ledgerline/agent';
import { prepareEvalFixture } from './eval-fixture.ts';
import { EvalSql } from './eval-sql.ts';
import { classify, type AnswerClass } from './grade-answer.ts';
import type { ProbeResult } from './run-probe.ts';
import { buildVariedCases } from './varied-cases.ts';

/** The varied held-out questions (varied-cases.ts) through the offline agent, each classified. */
export async function runVariedEval(): Promise<ProbeResult[]> {
  const fixture = await prepareEvalFixture();
  try {
    const cases = await withDuckDb(fixture.warehousePath, (db) => buildVariedCases(new EvalSql(db)));
    const results: ProbeResult[] = [];
    for (const c of cases) {
      try {
        let answer: AgentAnswer | undefined;
        for (const q of c.questions) answer = await fixture.agent.ask(q, c.id);
        results.push({ case: c, verdict: classify(answer, c.expect), ...(answer ? { answer } : {}) });
      } catch (error) {
        results.push({ case: c, verdict: 'crash', error: String(error) });
      }
    }
    return results;
  } finally {
    await fixture.close();
  }
}

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
