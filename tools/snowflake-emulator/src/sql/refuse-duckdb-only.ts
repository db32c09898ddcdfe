import { SnowflakeError } from '../protocol/snowflake-error.ts';
import type { TokenEditor } from './token-editor.ts';

/**
 * DuckDB functions that Snowflake does not have. DuckDB, underneath, would run them, so an
 * emulator that passed them through would accept SQL that fails on a real account.
 */
const DUCKDB_ONLY_FUNCTIONS = new Set(['LIST', 'STRFTIME', 'EPOCH_MS', 'LIST_VALUE', 'STRPTIME', 'ROUND_EVEN']);

const unknownFunction = (name: string) =>
  new SnowflakeError('002140', '42601', `SQL compilation error:\nUnknown function ${name} (DuckDB has it; Snowflake does not).`);

const syntaxError = (what: string) =>
  new SnowflakeError('001003', '42000', `SQL compilation error:\nsyntax error: unexpected '${what}' (DuckDB syntax; Snowflake upserts with MERGE).`);

/** Throws what Snowflake answers for DuckDB-only functions, `INSERT OR REPLACE` and `ON CONFLICT`. */
export function refuseDuckDbOnly(editor: TokenEditor): void {
  if (editor.kw(0) === 'INSERT' && editor.kw(1) === 'OR') throw syntaxError('OR');
  for (let i = 0; i < editor.length; i++) {
    const name = editor.kw(i);
    if (!name) continue;
    // `LIST @stage` is a Snowflake command; `LIST(` in an expression is DuckDB's aggregate.
    if (DUCKDB_ONLY_FUNCTIONS.has(name) && editor.isOp(i + 1, '(') && !editor.isOp(i - 1, '.')) throw unknownFunction(name);
    if (name === 'ON' && editor.kw(i + 1) === 'CONFLICT') throw syntaxError('CONFLICT');
  }
}
