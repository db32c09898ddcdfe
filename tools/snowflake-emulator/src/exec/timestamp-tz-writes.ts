import type { DuckDBConnection } from '@duckdb/node-api';
import { isTimestampTzTypeName } from '../sql/timestamp-tz.ts';
import { identifierValue } from '../sql/tokenize.ts';
import { TokenEditor } from '../sql/token-editor.ts';

/**
 * DuckDB cannot cast text or a TIMESTAMPTZ into the TIMESTAMP_TZ storage struct
 * (timestamp-tz.ts) by itself, where Snowflake converts on assignment. So every value written
 * into a TIMESTAMP_TZ column of the statement's target table goes through `sf_tz(...)`: INSERT
 * ... VALUES / SELECT, UPDATE ... SET, and MERGE's UPDATE SET and INSERT VALUES. And an
 * ordering comparison of a TIMESTAMP_TZ column with another value (`t.EXPIRES_AT <
 * CURRENT_TIMESTAMP`) converts that value. Runs on the translated DuckDB statement.
 */
export async function convertTimestampTzValues(connection: DuckDBConnection, sql: string): Promise<string> {
  const editor = new TokenEditor(sql);
  const verb = editor.kw(0);
  const writes = verb === 'INSERT' || verb === 'UPDATE' || verb === 'MERGE';
  if (!writes && !/[<>]/.test(sql)) return sql;
  const tzNames = await timestampTzColumnNames(connection);
  if (tzNames.size === 0) return sql;
  wrapComparisons(editor, tzNames);
  const targetAt = verb === 'INSERT' || verb === 'MERGE' ? (editor.kw(1) === 'INTO' ? 2 : -1) : verb === 'UPDATE' ? 1 : -1;
  if (targetAt < 0) return editor.toSql();
  const target = nameAt(editor, targetAt);
  const columns = await tableColumns(connection, target.text);
  if (!columns.some((c) => c.timestampTz)) return editor.toSql();
  const isTz = (name: string) => columns.some((c) => c.timestampTz && c.name === name.toUpperCase());
  const tableOrder = columns.map((c) => c.name);
  if (verb === 'INSERT') return insert(editor, target.end, tableOrder, isTz);
  wrapAssignmentLists(editor, isTz);
  if (verb === 'MERGE') wrapMergeInserts(editor, tableOrder, isTz);
  return editor.toSql();
}

interface Column {
  name: string;
  timestampTz: boolean;
}

async function timestampTzColumnNames(connection: DuckDBConnection): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(
    "SELECT DISTINCT upper(column_name) FROM duckdb_columns() WHERE data_type LIKE 'STRUCT(sf_utc TIMESTAMP_NS%'",
  );
  return new Set(reader.getRows().map((row) => String(row[0])));
}

async function tableColumns(connection: DuckDBConnection, table: string): Promise<Column[]> {
  try {
    const reader = await connection.runAndReadAll(`DESCRIBE ${table}`);
    return reader.getRowObjects().map((row) => ({
      name: String(row['column_name']).toUpperCase(),
      timestampTz: isTimestampTzTypeName(String(row['column_type'])),
    }));
  } catch {
    return []; // no such table: the statement itself fails with DuckDB's (mapped) error
  }
}

/** `a.b.c` starting at `at`: its text and the position after it. */
function nameAt(editor: TokenEditor, at: number): { text: string; end: number } {
  const parts: string[] = [];
  let i = at;
  while (editor.isName(i)) {
    parts.push(editor.at(i)?.text ?? '');
    if (!editor.isOp(i + 1, '.')) break;
    i += 2;
  }
  return { text: parts.join('.'), end: i + 1 };
}

function wrapRange(editor: TokenEditor, from: number, toInclusive: number): void {
  if (from > toInclusive) return;
  editor.set(from, `sf_tz(${editor.at(from)?.text ?? ''}`);
  editor.set(toInclusive, `${editor.at(toInclusive)?.text ?? ''})`);
}

/** Wraps the expressions of a `( e1, e2, ... )` list at `open` whose column is TIMESTAMP_TZ. */
function wrapTuple(editor: TokenEditor, open: number, columns: readonly string[], isTz: (name: string) => boolean): number {
  const close = editor.matchingClose(open);
  if (close < 0) return open;
  const bounds = [open, ...editor.topLevelCommas(open, close), close];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const column = columns[k];
    if (column && isTz(column)) wrapRange(editor, bounds[k]! + 1, bounds[k + 1]! - 1);
  }
  return close;
}

function columnList(editor: TokenEditor, open: number): string[] {
  const close = editor.matchingClose(open);
  const names: string[] = [];
  for (let i = open + 1; i < close; i++) {
    const token = editor.at(i);
    if (token && (token.kind === 'word' || token.kind === 'quoted') && !editor.isOp(i + 1, '.')) names.push(identifierValue(token).toUpperCase());
  }
  return names;
}

/** INSERT INTO t [(cols)] VALUES (...), ... | INSERT INTO t [(cols)] <query>. */
function insert(editor: TokenEditor, afterTarget: number, tableOrder: string[], isTz: (name: string) => boolean): string {
  let i = afterTarget;
  let columns = tableOrder;
  const startsQuery = (at: number) => editor.kw(at) === 'SELECT' || editor.kw(at) === 'WITH' || editor.kw(at) === 'FROM';
  if (editor.isOp(i, '(') && !startsQuery(i + 1)) {
    columns = columnList(editor, i);
    i = editor.matchingClose(i) + 1;
  }
  if (editor.kw(i) === 'VALUES') {
    for (let j = i + 1; j < editor.length; j++) {
      if (editor.isOp(j, '(')) j = wrapTuple(editor, j, columns, isTz);
      else if (!editor.isOp(j, ',')) break;
    }
    return editor.toSql();
  }
  if (i >= editor.length) return editor.toSql();
  // A query: convert its columns by position around it.
  const head = editor.tokens.slice(0, editor.sig[i]).map((t) => t.text).join('');
  const query = editor.tokens.slice(editor.sig[i]).map((t) => t.text).join('');
  // Named, not positional (#n): DuckDB does not bind `#n` inside a macro call.
  const names = columns.map((_c, k) => `__sf_c${k + 1}`);
  const select = columns.map((c, k) => (isTz(c) ? `sf_tz(${names[k]})` : names[k])).join(', ');
  return `${head}SELECT ${select} FROM (${query}) AS __sf_q(${names.join(', ')})`;
}

const SET_END = new Set(['WHERE', 'FROM', 'WHEN', 'RETURNING']);

/** Every `SET a = e, ...` list (UPDATE, MERGE's WHEN MATCHED THEN UPDATE). */
function wrapAssignmentLists(editor: TokenEditor, isTz: (name: string) => boolean): void {
  for (let i = 0; i < editor.length; i++) {
    if (editor.kw(i) !== 'SET' || editor.enclosingOpen(i) !== -1) continue;
    let start = i + 1;
    let depth = 0;
    for (let j = start; j <= editor.length; j++) {
      const end = j === editor.length || (depth === 0 && (editor.isOp(j, ',') || SET_END.has(editor.kw(j) ?? '')));
      if (end) {
        const eq = findAt(editor, start, j, '=');
        const targetToken = eq > start ? editor.at(eq - 1) : undefined;
        if (targetToken && (targetToken.kind === 'word' || targetToken.kind === 'quoted') && isTz(identifierValue(targetToken))) wrapRange(editor, eq + 1, j - 1);
        if (j === editor.length || !editor.isOp(j, ',')) {
          i = j;
          break;
        }
        start = j + 1;
      } else if (editor.isOp(j, '(') || editor.kw(j) === 'CASE') depth++;
      else if (editor.isOp(j, ')') || editor.kw(j) === 'END') depth--;
    }
  }
}

function findAt(editor: TokenEditor, from: number, to: number, op: string): number {
  for (let i = from; i < to; i++) if (editor.isOp(i, op)) return i;
  return -1;
}

/** MERGE's `WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (...)`. */
function wrapMergeInserts(editor: TokenEditor, tableOrder: string[], isTz: (name: string) => boolean): void {
  for (let i = 0; i < editor.length; i++) {
    if (editor.kw(i) !== 'INSERT' || editor.kw(i - 1) !== 'THEN') continue;
    let j = i + 1;
    let columns = tableOrder;
    if (editor.isOp(j, '(')) {
      columns = columnList(editor, j);
      j = editor.matchingClose(j) + 1;
    }
    if (editor.kw(j) === 'VALUES' && editor.isOp(j + 1, '(')) i = wrapTuple(editor, j + 1, columns, isTz);
  }
}

const ORDERING = new Set(['<', '>', '<=', '>=']);
const OPERAND_END = new Set(['AND', 'OR', 'THEN', 'WHEN', 'ELSE', 'END', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'QUALIFY', 'LIMIT', 'UNION', 'ON', 'USING', 'RETURNING', 'IS']);

/**
 * `<tz column> < <expr>`: DuckDB compares the struct only with another struct, Snowflake
 * compares instants, so the other side is converted (an already converted value stays as it is).
 * The column is known by name: a non-TIMESTAMP_TZ column of the same name elsewhere compared
 * this way fails loudly (a struct compared with its type), never silently.
 */
function wrapComparisons(editor: TokenEditor, tzNames: ReadonlySet<string>): void {
  for (let i = 1; i < editor.length; i++) {
    const op = editor.at(i);
    if (op?.kind !== 'op' || !ORDERING.has(op.text)) continue;
    const left = editor.at(i - 1);
    const leftIsTz = left && (left.kind === 'word' || left.kind === 'quoted') && tzNames.has(identifierValue(left).toUpperCase());
    if (leftIsTz) {
      let depth = 0;
      let end = i + 1;
      for (; end < editor.length; end++) {
        if (editor.isOp(end, '(')) depth++;
        else if (editor.isOp(end, ')')) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (editor.isOp(end, ',') || editor.isOp(end, ';') || OPERAND_END.has(editor.kw(end) ?? ''))) break;
      }
      wrapRange(editor, i + 1, end - 1);
      i = end;
      continue;
    }
    const right = editor.at(i + 1);
    const rightIsTz = right && (right.kind === 'word' || right.kind === 'quoted') && tzNames.has(identifierValue(right).toUpperCase()) && !editor.isOp(i + 2, '.');
    const single = left && (left.kind === 'string' || left.kind === 'param' || left.kind === 'word') && !editor.isOp(i - 2, '.');
    if (rightIsTz && single) wrapRange(editor, i - 1, i - 1);
  }
}
