import { identifierValue } from './tokenize.ts';
import type { TokenEditor } from './token-editor.ts';

/**
 * Binds: Snowflake's `?` (positional) and `:1` (numbered) both become DuckDB's `$n`, so one
 * statement may mix them and the executor can map binding `n` to parameter `$n`.
 * Returns the highest parameter number used.
 */
export function translateBinds(editor: TokenEditor): number {
  let next = 1;
  let highest = 0;
  for (let i = 0; i < editor.length; i++) {
    const t = editor.at(i);
    if (t?.kind !== 'param') continue;
    const n = t.text === '?' ? next++ : Number(t.text.slice(1));
    highest = Math.max(highest, n);
    editor.set(i, `$${n}`);
  }
  return highest;
}

/**
 * Snowflake folds unquoted identifiers to upper case (and reports them so); DuckDB keeps the
 * case they were written in. Upper-casing every bare word makes DuckDB store and return the
 * Snowflake spelling. Keywords and function names are case-insensitive, so they do not care.
 */
export function upperCaseWords(editor: TokenEditor): void {
  for (let i = 0; i < editor.length; i++) {
    const t = editor.at(i);
    if (t?.kind === 'word') t.text = t.text.toUpperCase();
  }
}

/**
 * Database names: the emulator keeps one DuckDB catalog, so `DB.SCHEMA.TABLE` loses its
 * database part when DB is a database the emulator knows (from login, USE or CREATE DATABASE).
 */
export function stripDatabaseQualifiers(editor: TokenEditor, databases: ReadonlySet<string>): void {
  for (let i = 0; i + 4 < editor.length; i++) {
    if (editor.isOp(i - 1, '.')) continue;
    const isThreePart =
      editor.isName(i) && editor.isOp(i + 1, '.') && editor.isName(i + 2) && editor.isOp(i + 3, '.') && editor.isName(i + 4);
    const first = editor.at(i);
    if (isThreePart && first && databases.has(identifierValue(first))) editor.blankRange(i, i + 1);
  }
}

/** `DB.SCHEMA` after SCHEMA keywords (CREATE/DROP/USE SCHEMA) loses its database part. */
export function stripDatabaseFromSchemaName(editor: TokenEditor, at: number, databases: ReadonlySet<string>): void {
  const first = editor.at(at);
  if (first && editor.isName(at) && editor.isOp(at + 1, '.') && editor.isName(at + 2) && databases.has(identifierValue(first))) {
    editor.blankRange(at, at + 1);
  }
}

const TABLE_POSITION_KEYWORDS = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'USING', 'EXISTS', 'TRUNCATE']);

/**
 * Temporary tables live in DuckDB's temp catalog, not in the schema Snowflake created them in,
 * so `RAW.STAGE_X` must be written `STAGE_X` when STAGE_X is a temp table of the session.
 */
export function stripTempTableQualifiers(editor: TokenEditor, tempTables: ReadonlySet<string>): void {
  if (tempTables.size === 0) return;
  for (let i = 1; i + 2 < editor.length; i++) {
    const previous = editor.kw(i - 1);
    if (!previous || !TABLE_POSITION_KEYWORDS.has(previous)) continue;
    let last = i;
    while (editor.isName(last) && editor.isOp(last + 1, '.') && editor.isName(last + 2)) last += 2;
    const table = editor.at(last);
    if (last > i && table && tempTables.has(identifierValue(table))) editor.blankRange(i, last - 1);
  }
}

/**
 * `UPDATE SET T.COL = ...` (accepted by Snowflake in UPDATE and MERGE) -> `SET COL = ...`:
 * DuckDB rejects qualified target columns.
 */
export function unqualifySetTargets(editor: TokenEditor): void {
  for (let i = 0; i < editor.length; i++) {
    if (editor.kw(i) !== 'SET') continue;
    const first = editor.kw(i - 1) === 'UPDATE' || editor.kw(0) === 'UPDATE';
    if (!first) continue;
    let depth = 0;
    let expectTarget = true;
    for (let j = i + 1; j < editor.length; j++) {
      if (editor.isOp(j, '(')) depth++;
      else if (editor.isOp(j, ')')) depth--;
      const word = editor.kw(j);
      if (depth === 0 && (word === 'WHEN' || word === 'WHERE' || word === 'FROM')) break;
      if (depth < 0) break;
      if (expectTarget && editor.isName(j)) {
        let last = j;
        while (editor.isOp(last + 1, '.') && editor.isName(last + 2)) last += 2;
        if (last > j && editor.isOp(last + 1, '=')) editor.blankRange(j, last - 1);
        expectTarget = false;
        j = last;
      } else if (depth === 0 && editor.isOp(j, ',')) {
        expectTarget = true;
      }
    }
  }
}
