import { rmSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../exec/duckdb-names.ts';
import { namePartsAt } from '../exec/session-commands.ts';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { syntheticColumn } from '../result/column-metadata.ts';
import { STATEMENT_TYPE, statusResult, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { optionBoolean, optionList, optionMap, optionString, parseOptions, type OptionMap } from '../sql/option-list.ts';
import { installTimestampTzMacros, isTimestampTzType } from '../sql/timestamp-tz.ts';
import { identifierValue, stringValue } from '../sql/tokenize.ts';
import { TokenEditor } from '../sql/token-editor.ts';
import { readCsvArguments } from './csv-format.ts';
import { isParquetFormat, readParquetFile } from './parquet-format.ts';
import { listStageFiles, matchesPattern, sha256Of, type StageFile } from './stage-files.ts';
import { parseStageRef, type StageRef } from './stage-ref.ts';

interface CopyPlan {
  tableRef: string;
  tableKey: string;
  columns: string[] | undefined;
  stage: StageRef;
  options: OptionMap;
}

interface FileOutcome {
  file: string;
  status: 'LOADED' | 'LOAD_FAILED' | 'PARTIALLY_LOADED';
  parsed: number;
  loaded: number;
  errorsSeen: number;
  firstError: string | null;
}

/**
 * COPY INTO <table> [(cols)] FROM @stage[/path] [FILES = (...)] [PATTERN = '...']
 *   [FILE_FORMAT = (TYPE = CSV ... | TYPE = PARQUET) | (FORMAT_NAME = name)] [MATCH_BY_COLUMN_NAME = ...]
 *   [ON_ERROR = ...] [PURGE = ...] [FORCE = ...]
 *
 * Each staged CSV file is read with DuckDB's read_csv and inserted by position; a Parquet file
 * with read_parquet, by column name (parquet-format.ts). Files already
 * loaded into the table with the same content are skipped unless FORCE = TRUE (Snowflake's
 * load metadata). The statement is atomic under ON_ERROR = ABORT_STATEMENT (the default).
 */
export async function copyInto(context: ExecContext, sql: string): Promise<StatementResult> {
  const { state, session } = context;
  const plan = parseCopy(context, sql);
  const scope = { schema: session.schema, user: session.user };
  const stageRoot = state.stages.stageRoot(plan.stage, scope);
  const files = selectFiles(listStageFiles(stageRoot, plan.stage.path), plan);
  const force = optionBoolean(plan.options, 'FORCE') ?? false;
  const format = fileFormatFor(context, plan);
  const onError = (optionString(plan.options, 'ON_ERROR') ?? 'ABORT_STATEMENT').toUpperCase();
  const targetColumns = await columnTypes(session.connection, plan);

  const pending = files
    .map((file) => ({ file, key: `${plan.tableKey}|${stageRoot}|${file.name}|${sha256Of(file.absolute)}` }))
    .filter(({ key }) => force || !state.loadHistory.has(key));
  if (pending.length === 0) return statusResult('Copy executed with 0 files processed.', STATEMENT_TYPE.dml);

  // Files are checked on a scratch connection first: a failed statement inside the session's
  // transaction would abort that transaction in DuckDB.
  const scratch = await state.instance.connect();
  await installTimestampTzMacros(scratch);
  const outcomes: FileOutcome[] = [];
  const ownTransaction = !session.inTransaction;
  if (ownTransaction) await session.connection.run('BEGIN TRANSACTION');
  try {
    // Inside the session's own transaction nothing undoes a file already inserted, so under
    // ABORT_STATEMENT every file is read first: one bad file fails the statement before any row
    // is written, and the transaction goes on, as in Snowflake.
    if (!ownTransaction && onError === 'ABORT_STATEMENT' && pending.length > 1) {
      for (const { file } of pending) await checkFile(scratch, plan, file, format, targetColumns);
    }
    for (const { file } of pending) {
      outcomes.push(await loadFile(session.connection, scratch, plan, file, format, targetColumns, onError));
    }
    if (ownTransaction) await session.connection.run('COMMIT');
  } catch (error) {
    if (ownTransaction) await session.connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    scratch.closeSync();
  }
  for (const { file, key } of pending) {
    const outcome = outcomes.find((o) => o.file === file.name);
    if (outcome?.status === 'LOAD_FAILED') continue;
    state.loadHistory.add(key);
    if (optionBoolean(plan.options, 'PURGE')) rmSync(file.absolute, { force: true });
  }
  return copyResult(outcomes);
}

function parseCopy({ session }: ExecContext, sql: string): CopyPlan {
  const editor = new TokenEditor(sql);
  if (editor.kw(1) !== 'INTO') throw syntax('COPY INTO <table> expected');
  if (editor.at(2)?.kind === 'stage') throw unsupported('COPY INTO @stage (unloading) is not emulated.');
  const parts = namePartsAt(editor, 2);
  if (parts.length === 0) throw syntax('a table name is expected after COPY INTO');
  let i = 2 + parts.length * 2 - 1;
  const table = parts.at(-1)!;
  const schema = parts.length >= 2 ? parts.at(-2)! : session.schema;
  let columns: string[] | undefined;
  if (editor.isOp(i, '(')) {
    const close = editor.matchingClose(i);
    columns = [];
    for (let j = i + 1; j < close; j++) {
      const token = editor.at(j);
      if (token && editor.isName(j)) columns.push(identifierValue(token));
    }
    i = close + 1;
  }
  if (editor.kw(i) !== 'FROM') throw syntax('FROM @stage expected');
  const source = editor.at(i + 1);
  if (!source) throw syntax('a stage is expected after FROM');
  if (editor.isOp(i + 1, '(')) throw unsupported('COPY INTO with a transformation query (FROM (SELECT ...)) is not emulated.');
  const stageText = source.kind === 'string' ? stringValue(source) : source.text;
  if (!stageText.startsWith('@')) throw unsupported('COPY INTO is emulated from internal stages (@...) only.');
  const isTemp = session.tempTables.has(table) && parts.length === 1;
  const tableRef = isTemp || !schema ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
  return {
    tableRef,
    tableKey: isTemp ? `temp:${session.id}.${table}` : `${schema}.${table}`,
    columns,
    stage: parseStageRef(stageText),
    options: parseOptions(editor, i + 2, editor.length),
  };
}

function selectFiles(files: StageFile[], plan: CopyPlan): StageFile[] {
  const wanted = optionList(plan.options, 'FILES');
  const prefix = plan.stage.path ? `${plan.stage.path}/` : '';
  const pattern = optionString(plan.options, 'PATTERN');
  return files.filter((file) => {
    if (wanted && !wanted.some((w) => file.name === `${prefix}${w}` || file.name === w)) return false;
    return matchesPattern(file.name, pattern);
  });
}

/** COPY's FILE_FORMAT, else the stage's; either may name a format (FORMAT_NAME = x). */
function fileFormatFor({ state, session }: ExecContext, plan: CopyPlan): OptionMap {
  const chosen = optionMap(plan.options, 'FILE_FORMAT') ?? state.stages.fileFormat(plan.stage, { schema: session.schema, user: session.user }) ?? {};
  const named = optionString(chosen, 'FORMAT_NAME');
  if (!named) return chosen;
  const parts = named.split('.');
  const name = parts.at(-1)!.toUpperCase();
  const schema = parts.length > 1 ? parts.at(-2)!.toUpperCase() : session.schema;
  const format = state.fileFormats.get(`${schema}.${name}`);
  if (!format) throw new SnowflakeError('002003', '02000', `SQL compilation error:\nFile format '${name}' does not exist or not authorized.`);
  return format;
}

interface TargetColumn {
  name: string;
  type: string;
  /** A TIMESTAMP_TZ column: read as text, converted by sf_tz (timestamp-tz.ts) to keep offset and nanoseconds. */
  timestampTz: boolean;
}

async function columnTypes(connection: DuckDBConnection, plan: CopyPlan): Promise<TargetColumn[]> {
  const list = plan.columns ? plan.columns.map(quoteIdent).join(', ') : '*';
  const reader = await connection.runAndReadAll(`SELECT ${list} FROM ${plan.tableRef} LIMIT 0`);
  const types = reader.columnTypes();
  return reader.columnNames().map((name, k) => {
    const type = types[k];
    const timestampTz = type !== undefined && isTimestampTzType(type);
    return { name, type: timestampTz ? 'VARCHAR' : (type?.toString() ?? 'VARCHAR'), timestampTz };
  });
}

/** The column's value as loaded: TIMESTAMP_TZ text through sf_tz, anything else as read_csv typed it. */
const loadedValue = (c: TargetColumn) => (c.timestampTz ? `sf_tz(${quoteIdent(c.name)})` : quoteIdent(c.name));

/** Throws the statement's error (as loadFile would under ABORT_STATEMENT) when the file does not read whole. */
async function checkFile(scratch: DuckDBConnection, plan: CopyPlan, file: StageFile, format: OptionMap, columns: TargetColumn[]): Promise<void> {
  if (isParquetFormat(format)) {
    const read = await readParquetFile(scratch, file, plan.options, columns);
    if (!read.ok) throw parquetError(read.error, file);
    return;
  }
  const counted = columns.map((c) => `count(${loadedValue(c)})`).join(', ');
  try {
    await scratch.runAndReadAll(`SELECT count(*), ${counted} FROM read_csv(${quoteLiteral(file.absolute)}, ${readCsvArguments(format, columns, false)})`);
  } catch (error) {
    const firstError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new SnowflakeError('100038', '22018', `${firstError}\n  File '${file.name}'`);
  }
}

const parquetError = (error: string, file: StageFile) => new SnowflakeError('100152', '22000', `${error}\n  File '${file.name}'`);

async function loadFile(
  connection: DuckDBConnection,
  scratch: DuckDBConnection,
  plan: CopyPlan,
  file: StageFile,
  format: OptionMap,
  columns: TargetColumn[],
  onError: string,
): Promise<FileOutcome> {
  if (isParquetFormat(format)) {
    // Parquet is typed and self-describing: the file is read whole on the scratch connection
    // first (a failed statement inside the session's transaction would abort it in DuckDB, while
    // Snowflake fails only the statement), so an unreadable file fails before anything is written.
    const read = await readParquetFile(scratch, file, plan.options, columns);
    if (!read.ok) {
      if (onError === 'ABORT_STATEMENT') throw parquetError(read.error, file);
      return { file: file.name, status: 'LOAD_FAILED', parsed: 0, loaded: 0, errorsSeen: 1, firstError: read.error };
    }
    const target = plan.columns ? `${plan.tableRef} (${columns.map((c) => quoteIdent(c.name)).join(', ')})` : plan.tableRef;
    const loaded = Number((await connection.run(`INSERT INTO ${target} ${read.select}`)).rowsChanged);
    return { file: file.name, status: 'LOADED', parsed: read.rows, loaded, errorsSeen: 0, firstError: null };
  }
  const source = (typed: boolean, ignoreErrors: boolean) => {
    const spec = typed ? columns : columns.map((c) => ({ name: c.name, type: 'VARCHAR' }));
    return `read_csv(${quoteLiteral(file.absolute)}, ${readCsvArguments(format, spec, ignoreErrors)})`;
  };
  // count(column) makes DuckDB convert every value; a bare count(*) would skip conversion.
  const count = async (from: string) => {
    const counted = columns.map((c) => `count(${loadedValue(c)})`).join(', ');
    return Number((await scratch.runAndReadAll(`SELECT count(*), ${counted} FROM ${from}`)).getRows()[0]?.[0] ?? 0);
  };
  const insert = async (ignoreErrors: boolean) => {
    const target = plan.columns ? `${plan.tableRef} (${columns.map((c) => quoteIdent(c.name)).join(', ')})` : plan.tableRef;
    const values = columns.map((c) => `${loadedValue(c)} AS ${quoteIdent(c.name)}`).join(', ');
    return (await connection.run(`INSERT INTO ${target} SELECT ${values} FROM ${source(true, ignoreErrors)}`)).rowsChanged;
  };

  let parsed: number;
  try {
    parsed = await count(source(true, false));
  } catch (error) {
    const firstError = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (onError === 'ABORT_STATEMENT') throw new SnowflakeError('100038', '22018', `${firstError}\n  File '${file.name}'`);
    const readable = await count(source(false, true));
    if (onError.startsWith('SKIP_FILE')) return { file: file.name, status: 'LOAD_FAILED', parsed: readable, loaded: 0, errorsSeen: 1, firstError };
    const loaded = await insert(true);
    return { file: file.name, status: loaded === 0 ? 'LOAD_FAILED' : 'PARTIALLY_LOADED', parsed: readable, loaded, errorsSeen: readable - loaded, firstError };
  }
  // The file converts cleanly; an error now (e.g. NOT NULL) fails the whole statement.
  const loaded = await insert(false);
  return { file: file.name, status: 'LOADED', parsed, loaded, errorsSeen: 0, firstError: null };
}

function copyResult(outcomes: FileOutcome[]): StatementResult {
  const text = ['file', 'status', 'first_error', 'first_error_column_name'];
  const names = ['file', 'status', 'rows_parsed', 'rows_loaded', 'error_limit', 'errors_seen', 'first_error', 'first_error_line', 'first_error_character', 'first_error_column_name'];
  return {
    rowtype: names.map((n) => syntheticColumn(n, text.includes(n) ? 'text' : 'fixed')),
    rowset: outcomes.map((o) => [
      o.file,
      o.status,
      String(o.parsed),
      String(o.loaded),
      '1',
      String(o.errorsSeen),
      o.firstError,
      null,
      null,
      null,
    ]),
    statementTypeId: STATEMENT_TYPE.dml,
  };
}

function syntax(detail: string): SnowflakeError {
  return new SnowflakeError('001003', '42000', `SQL compilation error:\nsyntax error: ${detail}.`);
}

function unsupported(detail: string): SnowflakeError {
  return new SnowflakeError('000002', '0A000', detail);
}
