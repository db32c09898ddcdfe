import { TIMESTAMP_TZ_STORAGE } from './timestamp-tz.ts';
import type { TokenEditor } from './token-editor.ts';

/**
 * Snowflake type names -> DuckDB. `keepArgs` keeps a following `(p, s)` / `(n)`; otherwise it is
 * dropped (DuckDB has no precision on timestamps, and BLOB takes no length).
 * Snowflake's integer types are all NUMBER(38,0), so they become DECIMAL(38, 0): a BIGINT would
 * overflow past 2^63 where Snowflake does not.
 * TIMESTAMP_TZ is stored as a struct keeping the nanosecond instant and the offset
 * (timestamp-tz.ts); in expressions (`::TIMESTAMP_TZ`, CAST) it is the `sf_tz(...)` conversion.
 */
const TYPE_MAP: Record<string, { to: string; keepArgs: boolean; bareDefault?: string }> = {
  NUMBER: { to: 'DECIMAL', keepArgs: true, bareDefault: 'DECIMAL(38, 0)' },
  NUMERIC: { to: 'DECIMAL', keepArgs: true, bareDefault: 'DECIMAL(38, 0)' },
  DECIMAL: { to: 'DECIMAL', keepArgs: true, bareDefault: 'DECIMAL(38, 0)' },
  DEC: { to: 'DECIMAL', keepArgs: true, bareDefault: 'DECIMAL(38, 0)' },
  INT: { to: 'DECIMAL(38, 0)', keepArgs: false },
  INTEGER: { to: 'DECIMAL(38, 0)', keepArgs: false },
  BIGINT: { to: 'DECIMAL(38, 0)', keepArgs: false },
  SMALLINT: { to: 'DECIMAL(38, 0)', keepArgs: false },
  TINYINT: { to: 'DECIMAL(38, 0)', keepArgs: false },
  BYTEINT: { to: 'DECIMAL(38, 0)', keepArgs: false },
  FLOAT: { to: 'DOUBLE', keepArgs: false },
  FLOAT4: { to: 'DOUBLE', keepArgs: false },
  FLOAT8: { to: 'DOUBLE', keepArgs: false },
  DOUBLE: { to: 'DOUBLE', keepArgs: false },
  REAL: { to: 'DOUBLE', keepArgs: false },
  VARCHAR: { to: 'VARCHAR', keepArgs: false },
  STRING: { to: 'VARCHAR', keepArgs: false },
  TEXT: { to: 'VARCHAR', keepArgs: false },
  CHAR: { to: 'VARCHAR', keepArgs: false },
  CHARACTER: { to: 'VARCHAR', keepArgs: false },
  NCHAR: { to: 'VARCHAR', keepArgs: false },
  NVARCHAR: { to: 'VARCHAR', keepArgs: false },
  NVARCHAR2: { to: 'VARCHAR', keepArgs: false },
  BINARY: { to: 'BLOB', keepArgs: false },
  VARBINARY: { to: 'BLOB', keepArgs: false },
  BOOLEAN: { to: 'BOOLEAN', keepArgs: false },
  DATE: { to: 'DATE', keepArgs: false },
  TIME: { to: 'TIME', keepArgs: false },
  DATETIME: { to: 'TIMESTAMP', keepArgs: false },
  TIMESTAMP: { to: 'TIMESTAMP', keepArgs: false },
  TIMESTAMP_NTZ: { to: 'TIMESTAMP', keepArgs: false },
  TIMESTAMP_TZ: { to: TIMESTAMP_TZ_STORAGE, keepArgs: false },
  TIMESTAMP_LTZ: { to: 'TIMESTAMPTZ', keepArgs: false },
  VARIANT: { to: 'JSON', keepArgs: false },
  OBJECT: { to: 'JSON', keepArgs: false },
  ARRAY: { to: 'JSON', keepArgs: false },
};

/** Rewrites the type name starting at position `i`; returns the position after the type. */
export function translateTypeAt(editor: TokenEditor, i: number): number {
  const name = editor.kw(i);
  if (!name) return i + 1;
  const mapping = TYPE_MAP[name];
  if (!mapping) return i + 1;
  let after = i + 1;
  // Multi-word spellings: DOUBLE PRECISION, CHAR VARYING, CHARACTER VARYING.
  const second = editor.kw(after);
  if ((name === 'DOUBLE' && second === 'PRECISION') || ((name === 'CHAR' || name === 'CHARACTER') && second === 'VARYING')) {
    editor.blank(after);
    after++;
  }
  // TIMESTAMP WITH TIME ZONE is already DuckDB syntax; leave it whole.
  if (name === 'TIMESTAMP' && editor.kw(after) === 'WITH') return after;
  const hasArgs = editor.isOp(after, '(');
  editor.set(i, hasArgs || !mapping.bareDefault ? mapping.to : mapping.bareDefault);
  if (hasArgs) {
    const close = editor.matchingClose(after);
    if (close === -1) return after;
    if (!mapping.keepArgs) editor.blankRange(after, close);
    return close + 1;
  }
  return after;
}

/** Type positions outside DDL: `expr::type` and `CAST(expr AS type)` / `TRY_CAST(...)`. */
export function translateExpressionTypes(editor: TokenEditor): void {
  for (let i = 0; i < editor.length; i++) {
    if (editor.isOp(i, '::')) {
      const macro = CONVERSION_MACROS[editor.kw(i + 1) ?? ''];
      if (macro) castToMacro(editor, i, macro);
      else translateTypeAt(editor, i + 1);
    } else if (editor.kw(i) === 'AS') {
      const open = editor.enclosingOpen(i);
      const fn = open > 0 ? editor.kw(open - 1) : undefined;
      if (fn !== 'CAST' && fn !== 'TRY_CAST') continue;
      const macro = CONVERSION_MACROS[editor.kw(i + 1) ?? ''];
      if (macro && !(editor.kw(i + 1) === 'TIMESTAMP' && editor.kw(i + 2) === 'WITH')) {
        // CAST(x AS TIMESTAMP_TZ[(9)]) -> sf_tz(x)
        editor.set(open - 1, macro);
        editor.blankRange(i, editor.matchingClose(open) - 1);
      } else {
        translateTypeAt(editor, i + 1);
      }
    }
  }
}

/**
 * Conversions that need to know whether their input is a stored TIMESTAMP_TZ (a struct in DuckDB,
 * timestamp-tz.ts), done by macros: into TIMESTAMP_TZ, and into TIMESTAMP_NTZ (its wall-clock time).
 */
const CONVERSION_MACROS: Record<string, string> = { TIMESTAMP_TZ: 'sf_tz', TIMESTAMP_NTZ: 'sf_ntz', TIMESTAMP: 'sf_ntz', DATETIME: 'sf_ntz' };

/** `operand::TYPE[(9)]` at the `::` position `at` -> `macro(operand)`. */
function castToMacro(editor: TokenEditor, at: number, macro: string): void {
  if (editor.kw(at + 1) === 'TIMESTAMP' && editor.kw(at + 2) === 'WITH') return; // TIMESTAMP WITH TIME ZONE: DuckDB's own
  const start = leftOperandStart(editor, at - 1);
  if (start < 0) return;
  let end = at + 1;
  if (editor.isOp(end + 1, '(')) end = editor.matchingClose(end + 1);
  editor.set(start, `${macro}(${editor.at(start)?.text ?? ''}`);
  editor.set(at, ')');
  editor.blankRange(at + 1, end);
}

/** First position of the operand ending at `last`: `(...)`, `f(...)`, `a.b.c`, a literal or a bind. */
function leftOperandStart(editor: TokenEditor, last: number): number {
  let j = last;
  if (editor.isOp(j, ')')) {
    let depth = 0;
    for (; j >= 0; j--) {
      if (editor.isOp(j, ')')) depth++;
      else if (editor.isOp(j, '(') && --depth === 0) break;
    }
    if (j > 0 && editor.isName(j - 1)) j--;
  } else if (!editor.at(j) || editor.at(j)?.kind === 'op') {
    return -1;
  }
  while (editor.isOp(j - 1, '.') && editor.isName(j - 2)) j -= 2;
  return j;
}
