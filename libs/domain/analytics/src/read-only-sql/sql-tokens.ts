import { SqlRejectedError } from './sql-rejected-error.ts';

export type SqlTokenKind = 'word' | 'identifier' | 'string' | 'number' | 'parameter' | 'symbol';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** Words upper-cased; quoted identifiers unquoted (case kept); strings without quotes; symbols as is. */
  readonly text: string;
  readonly offset: number;
  /** Offset just past the token. */
  readonly end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/**
 * Whose lexical rules: 'standard' = PostgreSQL and DuckDB (E'' strings with backslash escapes,
 * $tag$ dollar quoting, nested block comments); 'trino' = Trino's, which has none of the three:
 * there `E'\'` is the letter E and the string `\`, `$` is not SQL, and a block comment ends at the
 * first `*\/`. Reading Trino SQL by the standard rules would let text the guard takes for a
 * string or a comment reach Trino as code.
 */
export type SqlLexicon = 'standard' | 'trino';

/**
 * Splits SQL (Postgres/DuckDB lexical rules, or Trino's) into tokens, dropping whitespace and comments.
 * What matters for the read-only guard is that a `;` or keyword inside a string, a quoted
 * identifier or a comment is never seen as one: so strings ('' escapes, E'' backslash escapes,
 * $tag$ dollar quoting), "identifiers" ("" escapes), -- line and nested block comments are all
 * recognised, and anything unterminated is rejected rather than guessed.
 */
export function tokenizeSql(sql: string, lexicon: SqlLexicon = 'standard'): SqlToken[] {
  const standard = lexicon === 'standard';
  const tokens: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && next === '*') {
      i = standard ? skipBlockComment(sql, i) : skipFlatComment(sql, i);
    } else if (c === "'") {
      const { text, end } = readQuoted(sql, i, "'", false);
      tokens.push({ kind: 'string', text, offset: i, end });
      i = end;
    } else if (standard && (c === 'E' || c === 'e') && next === "'") {
      const { text, end } = readQuoted(sql, i + 1, "'", true);
      tokens.push({ kind: 'string', text, offset: i, end });
      i = end;
    } else if (c === '"') {
      const { text, end } = readQuoted(sql, i, '"', false);
      tokens.push({ kind: 'identifier', text, offset: i, end });
      i = end;
    } else if (c === '$') {
      const tag = standard ? DOLLAR_TAG.exec(sql.slice(i)) : null;
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        if (close === -1) throw new SqlRejectedError('syntax', `unterminated dollar-quoted string at offset ${i}`);
        tokens.push({ kind: 'string', text: sql.slice(i + tag[0].length, close), offset: i, end: close + tag[0].length });
        i = close + tag[0].length;
      } else {
        let end = i + 1;
        while (end < n && WORD_PART.test(sql[end] as string)) end += 1;
        tokens.push({ kind: 'parameter', text: sql.slice(i, end), offset: i, end });
        i = end;
      }
    } else if (c === '?') {
      tokens.push({ kind: 'parameter', text: '?', offset: i, end: i + 1 });
      i += 1;
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < n && WORD_PART.test(sql[end] as string)) end += 1;
      tokens.push({ kind: 'word', text: sql.slice(i, end).toUpperCase(), offset: i, end });
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      let end = i + 1;
      while (end < n && /[0-9._eE]/.test(sql[end] as string)) end += 1;
      tokens.push({ kind: 'number', text: sql.slice(i, end), offset: i, end });
      i = end;
    } else {
      tokens.push({ kind: 'symbol', text: c, offset: i, end: i + 1 });
      i += 1;
    }
  }
  return tokens;
}

/** A block comment that does not nest (Trino): it ends at the first `*\/`. */
function skipFlatComment(sql: string, start: number): number {
  const end = sql.indexOf('*/', start + 2);
  if (end === -1) throw new SqlRejectedError('syntax', `unterminated comment at offset ${start}`);
  return end + 2;
}

function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  throw new SqlRejectedError('syntax', `unterminated comment at offset ${start}`);
}

/** Reads a quoted run starting at the opening quote; a doubled quote is one quote. */
function readQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (backslashEscapes && c === '\\') {
      text += sql[i + 1] ?? '';
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) {
        text += quote;
        i += 2;
      } else {
        return { text, end: i + 1 };
      }
    } else {
      text += c;
      i += 1;
    }
  }
  const what = quote === '"' ? 'quoted identifier' : 'string';
  throw new SqlRejectedError('syntax', `unterminated ${what} at offset ${start}`);
}
