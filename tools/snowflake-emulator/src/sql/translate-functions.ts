import type { TokenEditor } from './token-editor.ts';

/** Session facts that Snowflake's context functions return (CURRENT_DATABASE() ...). */
export interface SessionFacts {
  database: string | null;
  schema: string | null;
  warehouse: string | null;
  role: string | null;
  user: string;
  sessionId: string;
}

/** Niladic functions Snowflake writes with parentheses and DuckDB without. */
const PAREN_LESS: Record<string, string> = {
  CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP',
  LOCALTIMESTAMP: 'LOCALTIMESTAMP',
  SYSTIMESTAMP: 'CURRENT_TIMESTAMP',
  GETDATE: 'CURRENT_TIMESTAMP',
  CURRENT_DATE: 'CURRENT_DATE',
  CURRENT_TIME: 'CURRENT_TIME',
  LOCALTIME: 'LOCALTIME',
  // SYSDATE() is the current UTC time as TIMESTAMP_NTZ.
  SYSDATE: "CAST(TIMEZONE('UTC', CURRENT_TIMESTAMP) AS TIMESTAMP)",
};

// TO_TIMESTAMP_TZ(x): the conversion into the TIMESTAMP_TZ storage (timestamp-tz.ts).
// TO_TIMESTAMP[_NTZ](x): a TIMESTAMP_TZ's wall-clock time, anything else cast (sf_ntz).
const RENAMED: Record<string, string> = { IFF: 'IF', NVL: 'COALESCE', STARTSWITH: 'starts_with', TO_TIMESTAMP_TZ: 'sf_tz', TO_TIMESTAMP_NTZ: 'sf_ntz', TO_TIMESTAMP: 'sf_ntz' };

/** One-argument conversion functions -> CAST(arg AS type). */
const CASTS: Record<string, string> = {
  TO_TIMESTAMP_LTZ: 'TIMESTAMPTZ',
  TO_DATE: 'DATE',
  TO_VARCHAR: 'VARCHAR',
  TO_CHAR: 'VARCHAR',
  TO_BOOLEAN: 'BOOLEAN',
  TO_DOUBLE: 'DOUBLE',
  PARSE_JSON: 'JSON',
  TO_VARIANT: 'JSON',
};

const NUMBER_CASTS = new Set(['TO_NUMBER', 'TO_DECIMAL', 'TO_NUMERIC']);

function literal(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

export function translateFunctions(editor: TokenEditor, facts: SessionFacts): void {
  const context: Record<string, string> = {
    CURRENT_DATABASE: literal(facts.database),
    CURRENT_SCHEMA: literal(facts.schema),
    CURRENT_WAREHOUSE: literal(facts.warehouse),
    CURRENT_ROLE: literal(facts.role),
    CURRENT_USER: literal(facts.user),
    CURRENT_SESSION: literal(facts.sessionId),
    CURRENT_ACCOUNT: literal('EMULATOR'),
    CURRENT_REGION: literal('LOCAL'),
    CURRENT_VERSION: literal('9.0.0-emulator'),
  };
  for (let i = 0; i < editor.length; i++) {
    const name = editor.kw(i);
    if (!name || !editor.isOp(i + 1, '(') || editor.isOp(i - 1, '.')) continue;
    const close = editor.matchingClose(i + 1);
    if (close === -1) continue;
    const replacement = PAREN_LESS[name] ?? context[name];
    if (replacement !== undefined) {
      // CURRENT_TIMESTAMP(3): the precision argument has no DuckDB equivalent.
      editor.set(i, replacement);
      editor.blankRange(i + 1, close);
    } else if (name === 'CONVERT_TIMEZONE' && editor.topLevelCommas(i + 1, close).length === 1) {
      // CONVERT_TIMEZONE(zone, x) -> a TIMESTAMP_TZ at that zone (timestamp-tz.ts); the
      // three-argument form (NTZ to NTZ) is left to DuckDB, which fails it loudly.
      editor.set(i, 'sf_tz_convert');
    } else if (RENAMED[name]) {
      editor.set(i, RENAMED[name]);
    } else if (CASTS[name] || NUMBER_CASTS.has(name)) {
      rewriteAsCast(editor, i, close, name);
    }
  }
}

function rewriteAsCast(editor: TokenEditor, nameAt: number, close: number, name: string): void {
  const commas = editor.topLevelCommas(nameAt + 1, close);
  let type = CASTS[name];
  if (NUMBER_CASTS.has(name)) {
    // TO_NUMBER(x [, precision [, scale]]), Snowflake's default being NUMBER(38, 0).
    const args = [nameAt + 1, ...commas, close];
    const argText = (k: number): string | undefined => {
      const from = args[k];
      const to = args[k + 1];
      if (from === undefined || to === undefined) return undefined;
      const parts: string[] = [];
      for (let j = from + 1; j < to; j++) parts.push(editor.at(j)?.text ?? '');
      return parts.join(' ').trim();
    };
    type = `DECIMAL(${argText(1) ?? '38'}, ${argText(2) ?? '0'})`;
  } else if (commas.length > 0) {
    return; // a format argument: leave it to DuckDB (and fail loudly if unsupported)
  }
  editor.set(nameAt, 'CAST');
  if (commas.length > 0) editor.blankRange(commas[0]!, close - 1);
  editor.set(close, ` AS ${type})`);
}
