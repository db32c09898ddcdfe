import type { DuckDBConnection } from '@duckdb/node-api';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { TokenEditor } from '../sql/token-editor.ts';

/** The parts of `MERGE INTO <target> [AS t] USING <source> [AS s] ON <cond> WHEN ...`, as SQL text. */
interface MergeParts {
  readonly target: string;
  readonly targetAlias: string;
  readonly source: string;
  readonly condition: string;
}

function textOf(editor: TokenEditor, from: number, to: number): string {
  const parts: string[] = [];
  for (let i = from; i < to; i++) parts.push(editor.at(i)?.text ?? '');
  return parts.join(' ');
}

/** Finds the next top-level keyword `word` from `start`, skipping parenthesised parts. */
function topLevel(editor: TokenEditor, start: number, word: string): number {
  for (let i = start; i < editor.length; i++) {
    if (editor.isOp(i, '(')) {
      const close = editor.matchingClose(i);
      if (close === -1) return -1;
      i = close;
    } else if (editor.kw(i) === word) return i;
  }
  return -1;
}

function mergeParts(duckSql: string): MergeParts | undefined {
  const editor = new TokenEditor(duckSql);
  if (editor.kw(0) !== 'MERGE' || editor.kw(1) !== 'INTO') return undefined;
  const using = topLevel(editor, 2, 'USING');
  const on = topLevel(editor, using + 1, 'ON');
  const when = topLevel(editor, on + 1, 'WHEN');
  if (using < 0 || on < 0 || when < 0) return undefined;
  // `INTO name [AS] alias USING`: an alias is a name right before USING that does not end a dotted name.
  const hasAlias = using - 2 >= 2 && editor.isName(using - 1) && (editor.kw(using - 2) === 'AS' || (editor.isName(using - 2) && !editor.isOp(using - 2, '.')));
  const nameEnd = hasAlias ? (editor.kw(using - 2) === 'AS' ? using - 2 : using - 1) : using;
  const target = textOf(editor, 2, nameEnd);
  const targetAlias = editor.at(hasAlias ? using - 1 : nameEnd - 1)?.text ?? target;
  return { target, targetAlias, source: textOf(editor, using + 1, on), condition: textOf(editor, on + 1, when) };
}

/**
 * Snowflake fails a MERGE in which one target row joins more than one source row and a
 * WHEN MATCHED clause would update or delete it (ERROR_ON_NONDETERMINISTIC_MERGE, on by default).
 * DuckDB does not, so the emulator checks first. MERGEs with binds (one-row sources of `?`) are
 * not checked: a bound row cannot repeat a key.
 */
export async function refuseNondeterministicMerge(connection: DuckDBConnection, duckSql: string, parameterCount: number): Promise<void> {
  if (parameterCount > 0 || !/\bWHEN\s+MATCHED\b/i.test(duckSql)) return;
  const parts = mergeParts(duckSql);
  if (!parts) return;
  const check = `SELECT COUNT(*) AS N FROM ${parts.target} AS ${parts.targetAlias} JOIN ${parts.source} ON ${parts.condition} GROUP BY ${parts.targetAlias}.rowid HAVING COUNT(*) > 1 LIMIT 1`;
  const reader = await connection.runAndReadAll(check);
  if (reader.getRows().length > 0) {
    throw new SnowflakeError('100090', '42P18', 'Duplicate row detected during DML action (a target row matches more than one source row of this MERGE).');
  }
}
