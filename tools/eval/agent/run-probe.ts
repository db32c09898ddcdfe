import { withDuckDb } from '@ledgerline/duckdb';
import type { AgentAnswer } from '@ledgerline/agent';
import { prepareEvalFixture, type EvalDatasetSpec } from './eval-fixture.ts';
import { EvalSql } from './eval-sql.ts';
import { classify, type AnswerClass } from './grade-answer.ts';
import { buildProbeCases, type ProbeCase } from './probe-cases.ts';

export interface ProbeResult {
  readonly case: ProbeCase;
  readonly verdict: AnswerClass;
  readonly answer?: AgentAnswer;
  readonly error?: string;
}

/** Questions built from the eval warehouse (expected figures by EvalSql) through the offline agent, each classified. */
export async function runClassifiedCases(build: (sql: EvalSql) => Promise<ProbeCase[]>, dataset?: EvalDatasetSpec): Promise<ProbeResult[]> {
  const fixture = await prepareEvalFixture(dataset ? { dataset } : {});
  try {
    const cases = await withDuckDb(fixture.warehousePath, (db) => build(new EvalSql(db)));
    const results: ProbeResult[] = [];
    for (const c of cases) {
      try {
        let answer: AgentAnswer | undefined;
        for (const q of c.questions) answer = await fixture.agent.ask(q, `probe-${c.id}`);
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

/** The issue #20 probe questions through the offline agent, each classified. */
export const runProbeEval = (): Promise<ProbeResult[]> => runClassifiedCases(buildProbeCases);

/** Counts per verdict, for the tuned and the held-out part. */
export function tally(results: readonly ProbeResult[]): Record<string, Record<AnswerClass, number>> {
  const empty = (): Record<AnswerClass, number> => ({ exact: 0, partly: 0, wrong: 0, correct_refusal: 0, refused_answerable: 0, crash: 0 });
  const out: Record<string, Record<AnswerClass, number>> = { tuned: empty(), held_out: empty() };
  for (const r of results) (out[r.case.heldOut ? 'held_out' : 'tuned'] as Record<AnswerClass, number>)[r.verdict] += 1;
  return out;
}

if (process.argv[1]?.endsWith('run-probe.ts')) {
  const results = await runProbeEval();
  for (const r of results) {
    console.log(`${r.verdict.padEnd(18)} ${r.case.heldOut ? 'H' : 'T'} ${r.case.cls.padEnd(12)} ${r.case.id}: ${r.case.questions.at(-1)}`);
    if (r.verdict !== 'exact' && r.verdict !== 'correct_refusal' && !r.case.heldOut) {
      console.log(`    expected ${JSON.stringify(r.case.expect)}\n    got [${r.answer?.status}] ${r.answer?.answer ?? r.error}`);
    }
  }
  console.log(JSON.stringify(tally(results)));
}
