import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { TokenEditor } from '../sql/token-editor.ts';
import { arrayRow, type Binds } from './bindings.ts';

/** What a DuckDB statement produced, merged over all rows of an array bind. */
export interface DuckDbOutcome {
  columnNames: string[];
  columnTypes: DuckDBType[];
  rows: DuckDBValue[][];
  rowsChanged: number;
}

const BINDS_TABLE = '__sf_emulator_binds';

/** Runs a translated statement with its binds on the session's connection. */
export async function runDuckDb(connection: DuckDBConnection, sql: string, binds: Binds): Promise<DuckDbOutcome> {
  if (binds.kind === 'none') return read(connection, sql);
  if (binds.kind === 'single') return read(connection, sql, binds.values as DuckDBValue[]);
  if (binds.rowCount === 0) return { columnNames: [], columnTypes: [], rows: [], rowsChanged: 0 };
  const bulk = insertSelectFromBinds(sql);
  if (bulk) return runBulkInsert(connection, bulk, binds);
  return runPerRow(connection, sql, binds);
}

async function read(connection: DuckDBConnection, sql: string, values?: DuckDBValue[]): Promise<DuckDbOutcome> {
  const reader = await connection.runAndReadAll(sql, values);
  return {
    columnNames: reader.columnNames(),
    columnTypes: reader.columnTypes(),
    rows: reader.getRows() as DuckDBValue[][],
    rowsChanged: reader.rowsChanged,
  };
}

/**
 * `INSERT INTO t (...) VALUES (<exprs of $n>)` with an array bind becomes one
 * `INSERT INTO t (...) SELECT <exprs of Cn> FROM <binds table>`: the rows go through DuckDB's
 * appender (about 100x faster than one execution per row) and the insert stays one statement,
 * all-or-nothing like Snowflake's.
 */
function insertSelectFromBinds(sql: string): string | undefined {
  const editor = new TokenEditor(sql);
  if (editor.kw(0) !== 'INSERT') return undefined;
  let valuesAt = -1;
  let depth = 0;
  for (let i = 0; i < editor.length; i++) {
    if (editor.isOp(i, '(')) depth++;
    else if (editor.isOp(i, ')')) depth--;
    else if (depth === 0 && editor.kw(i) === 'VALUES') {
      valuesAt = i;
      break;
    }
  }
  if (valuesAt === -1 || !editor.isOp(valuesAt + 1, '(')) return undefined;
  const close = editor.matchingClose(valuesAt + 1);
  if (close !== editor.length - 1) return undefined; // several tuples or a trailing clause
  for (let i = valuesAt + 2; i < close; i++) {
    const t = editor.at(i);
    if (t?.kind === 'param') editor.set(i, `C${t.text.slice(1)}`, 'word');
  }
  editor.set(valuesAt, 'SELECT');
  editor.blank(valuesAt + 1);
  editor.set(close, ` FROM temp.main.${BINDS_TABLE}`);
  return editor.toSql();
}

async function runBulkInsert(connection: DuckDBConnection, sql: string, binds: Extract<Binds, { kind: 'array' }>): Promise<DuckDbOutcome> {
  const columns = binds.columns.map((_c, k) => `C${k + 1} VARCHAR`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${BINDS_TABLE} (${columns})`);
  try {
    const appender = await connection.createAppender(BINDS_TABLE, 'main', 'temp');
    for (let row = 0; row < binds.rowCount; row++) {
      for (const column of binds.columns) {
        const value = column[row];
        if (value === null || value === undefined) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.closeSync();
    return await read(connection, sql);
  } finally {
    await connection.run(`DROP TABLE IF EXISTS temp.main.${BINDS_TABLE}`);
  }
}

/** Any other statement with an array bind: one execution per row, in one transaction. */
async function runPerRow(connection: DuckDBConnection, sql: string, binds: Extract<Binds, { kind: 'array' }>): Promise<DuckDbOutcome> {
  const prepared = await connection.prepare(sql);
  const merged: DuckDbOutcome = { columnNames: [], columnTypes: [], rows: [], rowsChanged: 0 };
  for (let row = 0; row < binds.rowCount; row++) {
    prepared.bind(arrayRow(binds, row) as DuckDBValue[]);
    const reader = await prepared.runAndReadAll();
    merged.columnNames = reader.columnNames();
    merged.columnTypes = reader.columnTypes();
    merged.rows.push(...(reader.getRows() as DuckDBValue[][]));
    merged.rowsChanged += reader.rowsChanged;
  }
  return merged;
}
