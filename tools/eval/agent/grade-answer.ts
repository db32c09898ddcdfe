import type { AgentAnswer } from '@ledgerline/agent';

export type Expectation =
  /** Answered, and every token appears in the answer (numbers as whole numbers: 12.30 is not in 112.30). */
  | { readonly kind: 'answer'; readonly tokens: readonly string[] }
  | { readonly kind: 'refused' };

export interface Grade {
  readonly ok: boolean;
  readonly missing: readonly string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A token found as itself: not inside a longer number or word. */
export function containsToken(answer: string, token: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}.-])${escape(token)}(?![\\p{L}\\p{N}]|\\.\\d)`, 'u').test(answer);
}

export function grade(answer: AgentAnswer, expectation: Expectation): Grade {
  if (expectation.kind === 'refused') return { ok: answer.status === 'refused', missing: answer.status === 'refused' ? [] : ['status refused'] };
  if (answer.status !== 'answered') return { ok: false, missing: [`status answered (was ${answer.status})`] };
  const missing = expectation.tokens.filter((t) => !containsToken(answer.answer, t));
  return { ok: missing.length === 0, missing };
}

/** How one answer scores (issue #20): a refusal of an answerable question is not a wrong number. */
export type AnswerClass = 'exact' | 'partly' | 'wrong' | 'correct_refusal' | 'refused_answerable' | 'crash';

const MONEY = /\b\d+\.\d{2} [A-Z]{3}\b|[+-]\d+\.\d{2}%/;

export function classify(answer: AgentAnswer | undefined, expectation: Expectation): AnswerClass {
  if (!answer || answer.status === 'failed') return 'crash';
  if (expectation.kind === 'refused') return answer.status === 'refused' ? 'correct_refusal' : 'wrong';
  if (answer.status === 'refused') return 'refused_answerable';
  const found = expectation.tokens.filter((t) => containsToken(answer.answer, t)).length;
  if (found === expectation.tokens.length) return 'exact';
  if (found > 0) return 'partly';
  // No expected figure: a figure given anyway is a wrong number; none is a non-answer (help, a question back).
  return MONEY.test(answer.answer) ? 'wrong' : 'refused_answerable';
}
