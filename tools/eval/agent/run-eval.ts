import { withDuckDb } from '@ledgerline/duckdb';
import type { AgentAnswer } from '@ledgerline/agent';
import { buildEvalCases, type EvalCase } from './eval-cases.ts';
import { prepareEvalFixture } from './eval-fixture.ts';
import { EvalSql } from './eval-sql.ts';
import { grade } from './grade-answer.ts';

export interface CaseResult {
  readonly id: string;
  readonly question: string;
  readonly ok: boolean;
  readonly missing: readonly string[];
  readonly answer: AgentAnswer;
}

export interface EvalReport {
  readonly total: number;
  readonly passed: number;
  /** passed / total */
  readonly score: number;
  readonly results: readonly CaseResult[];
  readonly documents: number;
}

/** Runs every evaluation case through the offline agent and grades the answers. */
export async function runAgentEval(options: { log?: (line: string) => void; only?: (c: EvalCase) => boolean } = {}): Promise<EvalReport> {
  const fixture = await prepareEvalFixture(options.log ? { log: options.log } : {});
  try {
    const cases = (await withDuckDb(fixture.warehousePath, (db) => buildEvalCases(new EvalSql(db)))).filter(options.only ?? (() => true));
    const results: CaseResult[] = [];
    for (const c of cases) {
      const session = `eval-${c.id}`;
      let answer: AgentAnswer | undefined;
      for (const question of c.questions) answer = await fixture.agent.ask(question, session);
      const final = answer as AgentAnswer;
      const g = grade(final, c.expect);
      results.push({ id: c.id, question: c.questions.at(-1) ?? '', ok: g.ok, missing: g.missing, answer: final });
    }
    const passed = results.filter((r) => r.ok).length;
    return { total: results.length, passed, score: results.length === 0 ? 0 : passed / results.length, results, documents: fixture.documents };
  } finally {
    await fixture.close();
  }
}
