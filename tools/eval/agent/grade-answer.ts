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
