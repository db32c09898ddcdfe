import { rmSync } from 'node:fs';
import { namePartsAt } from '../exec/session-commands.ts';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { syntheticColumn } from '../result/column-metadata.ts';
import { STATEMENT_TYPE, statusResult, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { optionMap, optionString, parseOptions } from '../sql/option-list.ts';
import { stringValue } from '../sql/tokenize.ts';
import type { TokenEditor } from '../sql/token-editor.ts';
import { listStageFiles, matchesPattern, md5Of } from './stage-files.ts';
import { parseStageRef } from './stage-ref.ts';

/** Position after CREATE [OR REPLACE] [TEMPORARY|TEMP] <kind words> [IF NOT EXISTS]. */
interface CreateHeader {
  replace: boolean;
  temporary: boolean;
  ifNotExists: boolean;
  ifExists: boolean;
  nameAt: number;
}

export function readHeader(editor: TokenEditor, kindWords: number): CreateHeader {
  let i = 1;
  const replace = editor.kw(i) === 'OR' && editor.kw(i + 1) === 'REPLACE';
  if (replace) i += 2;
  let temporary = false;
  while (['TEMPORARY', 'TEMP', 'LOCAL', 'GLOBAL', 'VOLATILE', 'TRANSIENT'].includes(editor.kw(i) ?? '')) {
    temporary ||= editor.kw(i) !== 'TRANSIENT';
    i++;
  }
  i += kindWords;
  let ifNotExists = false;
  let ifExists = false;
  if (editor.kw(i) === 'IF' && editor.kw(i + 1) === 'NOT' && editor.kw(i + 2) === 'EXISTS') {
    ifNotExists = true;
    i += 3;
  } else if (editor.kw(i) === 'IF' && editor.kw(i + 1) === 'EXISTS') {
    ifExists = true;
    i += 2;
  }
  return { replace, temporary, ifNotExists, ifExists, nameAt: i };
}

function schemaAndName({ session }: ExecContext, editor: TokenEditor, at: number): { schema: string; name: string; next: number } {
  const parts = namePartsAt(editor, at);
  const name = parts.at(-1);
  const schema = parts.length >= 2 ? parts.at(-2)! : session.schema;
  if (!name) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: an object name is expected.');
  if (!schema) throw new SnowflakeError('090105', '22000', 'Cannot perform CREATE. This session does not have a current schema.');
  return { schema, name, next: at + parts.length * 2 - 1 };
}

/** CREATE [OR REPLACE] [TEMPORARY] STAGE [IF NOT EXISTS] name [FILE_FORMAT = (...)] ... */
export function createStage(context: ExecContext, editor: TokenEditor): StatementResult {
  const header = readHeader(editor, 1);
  const { schema, name, next } = schemaAndName(context, editor, header.nameAt);
  if (name === 'SYSTEM$BIND') {
    // The driver stages large array binds here and then PUTs them from memory, which its
    // LOCAL_FS client cannot do; declining makes the driver send the binds inline instead.
    throw new SnowflakeError('002003', '02000', 'SQL compilation error:\nStage SYSTEM$BIND is not emulated; binds are read inline.');
  }
  const options = parseOptions(editor, next, editor.length);
  if (optionString(options, 'URL')) throw new SnowflakeError('000002', '0A000', 'External stages (URL = ...) are not emulated.');
  const fileFormat = optionMap(options, 'FILE_FORMAT');
  const message = context.state.stages.create(schema, name, {
    replace: header.replace,
    ifNotExists: header.ifNotExists,
    temporaryFor: header.temporary ? context.session.id : null,
    ...(fileFormat ? { fileFormat } : {}),
  });
  return statusResult(message);
}

export function dropStage(context: ExecContext, editor: TokenEditor): StatementResult {
  const header = readHeader(editor, 1);
  const { schema, name } = schemaAndName(context, editor, header.nameAt);
  return statusResult(context.state.stages.drop(schema, name, header.ifExists));
}

/** CREATE [OR REPLACE] FILE FORMAT [IF NOT EXISTS] name TYPE = CSV ... */
export function createFileFormat(context: ExecContext, editor: TokenEditor): StatementResult {
  const header = readHeader(editor, 2);
  const { schema, name, next } = schemaAndName(context, editor, header.nameAt);
  const key = `${schema}.${name}`;
  if (context.state.fileFormats.has(key) && !header.replace) {
    if (header.ifNotExists) return statusResult(`${name} already exists, statement succeeded.`);
    throw new SnowflakeError('002002', '42710', `SQL compilation error:\nObject '${name}' already exists.`);
  }
  context.state.fileFormats.set(key, parseOptions(editor, next, editor.length));
  return statusResult(`File format ${name} successfully created.`);
}

export function dropFileFormat(context: ExecContext, editor: TokenEditor): StatementResult {
  const header = readHeader(editor, 2);
  const { schema, name } = schemaAndName(context, editor, header.nameAt);
  if (!context.state.fileFormats.delete(`${schema}.${name}`) && !header.ifExists) {
    throw new SnowflakeError('002003', '02000', `SQL compilation error:\nFile format '${name}' does not exist or not authorized.`);
  }
  return statusResult(`${name} successfully dropped.`);
}

function stageArgument(editor: TokenEditor): { ref: ReturnType<typeof parseStageRef>; pattern: string | undefined } {
  const token = editor.at(1);
  const text = token?.kind === 'string' ? stringValue(token) : token?.text;
  if (!text?.startsWith('@')) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: a stage (@...) is expected.');
  const options = parseOptions(editor, 2, editor.length);
  return { ref: parseStageRef(text), pattern: optionString(options, 'PATTERN') };
}

/** LIST @stage[/path] [PATTERN = '...']: name, size, md5, last_modified. */
export function listStage({ state, session }: ExecContext, editor: TokenEditor): StatementResult {
  const { ref, pattern } = stageArgument(editor);
  const root = state.stages.stageRoot(ref, { schema: session.schema, user: session.user });
  const files = listStageFiles(root, ref.path).filter((f) => matchesPattern(f.name, pattern));
  const label = ref.kind === 'user' ? '' : `${ref.name.toLowerCase()}/`;
  return {
    rowtype: [syntheticColumn('name', 'text'), syntheticColumn('size', 'fixed'), syntheticColumn('md5', 'text'), syntheticColumn('last_modified', 'text')],
    rowset: files.map((f) => [`${label}${f.name}`, String(f.size), md5Of(f.absolute), f.modified.toUTCString()]),
    statementTypeId: STATEMENT_TYPE.scl,
  };
}

/** REMOVE @stage[/path] [PATTERN = '...']: name, result. */
export function removeFromStage({ state, session }: ExecContext, editor: TokenEditor): StatementResult {
  const { ref, pattern } = stageArgument(editor);
  const root = state.stages.stageRoot(ref, { schema: session.schema, user: session.user });
  const files = listStageFiles(root, ref.path).filter((f) => matchesPattern(f.name, pattern));
  for (const file of files) rmSync(file.absolute, { force: true });
  const label = ref.kind === 'user' ? '' : `${ref.name.toLowerCase()}/`;
  return {
    rowtype: [syntheticColumn('name', 'text'), syntheticColumn('result', 'text')],
    rowset: files.map((f) => [`${label}${f.name}`, 'removed']),
    statementTypeId: STATEMENT_TYPE.scl,
  };
}
