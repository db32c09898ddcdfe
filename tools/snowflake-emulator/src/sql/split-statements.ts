import { tokenize } from './tokenize.ts';

/** Splits a request's SQL text on top-level semicolons; empty statements are dropped. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  for (const token of tokenize(sql)) {
    if (token.kind === 'op' && token.text === ';') {
      statements.push(current);
      current = '';
    } else {
      current += token.text;
    }
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => tokenize(s).some((t) => t.kind !== 'space'));
}
