/**
 * A small lossless SQL tokenizer for the Snowflake dialect: joining every token's `text` gives
 * back the input. The translator rewrites tokens (never raw text) so that string literals,
 * quoted identifiers and comments are never touched by accident.
 */
export type TokenKind =
  | 'word' // unquoted identifier or keyword
  | 'quoted' // "double-quoted identifier" (case-sensitive in Snowflake)
  | 'string' // 'single-quoted' or $$dollar-quoted$$ literal
  | 'number'
  | 'param' // positional bind: ? or :1 (or $1 once translated)
  | 'stage' // @stage/path, @~, @%table, @db.schema.stage
  | 'op' // punctuation and operators, including ::
  | 'space'; // whitespace and comments

export interface Token {
  kind: TokenKind;
  text: string;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_$]/;
const DIGIT = /[0-9]/;
const TWO_CHAR_OPS = new Set(['::', '<=', '>=', '<>', '!=', '||', '->', '=>']);

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    const next = sql[i + 1] ?? '';
    if (/\s/.test(ch)) {
      let end = i + 1;
      while (end < sql.length && /\s/.test(sql[end]!)) end++;
      push('space', end);
    } else if ((ch === '-' && next === '-') || (ch === '/' && next === '/')) {
      const newline = sql.indexOf('\n', i);
      push('space', newline === -1 ? sql.length : newline);
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('space', close === -1 ? sql.length : close + 2);
    } else if (ch === "'") {
      push('string', endOfQuoted(sql, i, "'"));
    } else if (ch === '"') {
      push('quoted', endOfQuoted(sql, i, '"'));
    } else if (ch === '$' && next === '$') {
      const close = sql.indexOf('$$', i + 2);
      push('string', close === -1 ? sql.length : close + 2);
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end]!)) end++;
      push('word', end);
    } else if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(next))) {
      push('number', endOfNumber(sql, i));
    } else if (ch === '?') {
      push('param', i + 1);
    } else if (ch === '$' && DIGIT.test(next)) {
      // DuckDB-style $1: what translated statements use, so the executor can find binds.
      let end = i + 1;
      while (end < sql.length && DIGIT.test(sql[end]!)) end++;
      push('param', end);
    } else if (ch === ':' && DIGIT.test(next) && sql[i - 1] !== ':') {
      let end = i + 1;
      while (end < sql.length && DIGIT.test(sql[end]!)) end++;
      push('param', end);
    } else if (ch === '@' && /[A-Za-z_~%"]/.test(next)) {
      push('stage', endOfStage(sql, i));
    } else if (TWO_CHAR_OPS.has(ch + next)) {
      push('op', i + 2);
    } else {
      push('op', i + 1);
    }
  }
  return tokens;
}

/** Quotes are escaped by doubling them ('it''s', "a""b"); backslash escapes a single quote too. */
function endOfQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (quote === "'" && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

function endOfNumber(sql: string, start: number): number {
  const match = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(start));
  return start + (match ? match[0].length : 1);
}

/** A stage reference runs until whitespace, a comma, a closing paren or a semicolon. */
function endOfStage(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length && !/[\s,;)]/.test(sql[i]!)) {
    if (sql[i] === '"') {
      i = endOfQuoted(sql, i, '"');
      continue;
    }
    i++;
  }
  return i;
}

export function joinTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** Tokens that carry meaning (no whitespace or comments). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space');
}

/** Upper-cased text of a word token, else undefined; keeps keyword checks short. */
export function keyword(token: Token | undefined): string | undefined {
  return token?.kind === 'word' ? token.text.toUpperCase() : undefined;
}

/** The value of a single-quoted or $$ literal, unescaped. */
export function stringValue(token: Token): string {
  if (token.text.startsWith('$$')) return token.text.slice(2, -2);
  return token.text
    .slice(1, -1)
    .replace(/''/g, "'")
    .replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** Identifier text as Snowflake resolves it: unquoted upper-cased, quoted taken literally. */
export function identifierValue(token: Token): string {
  if (token.kind === 'quoted') return token.text.slice(1, -1).replace(/""/g, '"');
  return token.text.toUpperCase();
}
