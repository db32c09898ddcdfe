import { SnowflakeError } from '../protocol/snowflake-error.ts';
import type { ParameterValue } from '../protocol/session-parameters.ts';
import { STATEMENT_TYPE, statusResult, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { parseOptions, type OptionValue } from '../sql/option-list.ts';
import { identifierValue } from '../sql/tokenize.ts';
import type { TokenEditor } from '../sql/token-editor.ts';
import { PUBLIC_SCHEMA, schemaExists, useSchema } from './duckdb-names.ts';

const DONE = 'Statement executed successfully.';

/** Qualified name at position `at`: ['DB', 'SCHEMA'] etc., resolved like identifiers. */
export function namePartsAt(editor: TokenEditor, at: number): string[] {
  const parts: string[] = [];
  let i = at;
  while (editor.isName(i)) {
    const token = editor.at(i);
    if (token) parts.push(identifierValue(token));
    if (!editor.isOp(i + 1, '.')) break;
    i += 2;
  }
  return parts;
}

/**
 * USE [DATABASE] db | USE SCHEMA [db.]schema | USE WAREHOUSE w | USE ROLE r.
 * The emulator has one DuckDB catalog: a database is only remembered (and its name later
 * dropped from qualified names); a schema becomes the DuckDB connection's default schema.
 */
export async function useCommand({ state, session }: ExecContext, editor: TokenEditor): Promise<StatementResult> {
  const object = editor.kw(1);
  if (object === 'WAREHOUSE' || object === 'ROLE') {
    const name = namePartsAt(editor, 2)[0] ?? null;
    if (object === 'WAREHOUSE') session.warehouse = name;
    else session.role = name;
    return statusResult(DONE, STATEMENT_TYPE.scl);
  }
  if (object === 'SECONDARY') return statusResult(DONE, STATEMENT_TYPE.scl);
  if (object === 'SCHEMA') {
    const parts = namePartsAt(editor, 2);
    const schema = parts.at(-1);
    if (!schema) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: USE SCHEMA needs a name.');
    if (parts.length > 1) rememberDatabase(state.databases, session, parts.at(-2)!);
    await switchSchema({ state, session }, schema);
    return statusResult(DONE, STATEMENT_TYPE.scl);
  }
  const database = namePartsAt(editor, object === 'DATABASE' ? 2 : 1)[0];
  if (!database) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: USE needs a name.');
  rememberDatabase(state.databases, session, database);
  await switchSchema({ state, session }, PUBLIC_SCHEMA);
  return statusResult(DONE, STATEMENT_TYPE.scl);
}

export async function switchSchema({ state, session }: ExecContext, schema: string): Promise<void> {
  if (!(await schemaExists(session.connection, state.catalog, schema))) {
    throw new SnowflakeError('002043', '02000', `SQL compilation error:\nObject does not exist, or operation cannot be performed. Schema '${schema}'.`);
  }
  await useSchema(session.connection, state.catalog, schema);
  session.schema = schema;
}

function rememberDatabase(databases: Set<string>, session: { database: string | null }, name: string): void {
  databases.add(name);
  session.database = name;
}

/** CREATE DATABASE / DROP DATABASE: databases are names only (one DuckDB catalog). */
export async function databaseCommand({ state, session }: ExecContext, editor: TokenEditor, at: number): Promise<StatementResult> {
  let i = at;
  if (editor.kw(i) === 'IF') i += editor.kw(i + 1) === 'NOT' ? 3 : 2;
  const name = namePartsAt(editor, i)[0];
  if (!name) throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: a database name is expected.');
  if (editor.kw(0) === 'CREATE') {
    rememberDatabase(state.databases, session, name);
    await switchSchema({ state, session }, PUBLIC_SCHEMA);
    return statusResult(`Database ${name} successfully created.`);
  }
  return statusResult(`${name} successfully dropped.`);
}

/** ALTER SESSION SET NAME = value [...] / ALTER SESSION UNSET NAME [, ...]. */
export function alterSession({ state, session }: ExecContext, editor: TokenEditor): StatementResult {
  if (editor.kw(2) === 'UNSET') {
    for (let i = 3; i < editor.length; i++) {
      const name = editor.kw(i);
      if (name) session.parameters.delete(name);
    }
    return statusResult(DONE, STATEMENT_TYPE.scl);
  }
  if (editor.kw(2) !== 'SET') throw new SnowflakeError('001003', '42000', 'SQL compilation error:\nsyntax error: ALTER SESSION SET or UNSET expected.');
  const options = parseOptions(editor, 3, editor.length);
  for (const [name, value] of Object.entries(options)) {
    const parameter = toParameterValue(value);
    session.parameters.set(name, parameter);
    if (name === 'QUERY_TAG' && typeof parameter === 'string') state.queryTags.push(parameter);
  }
  return statusResult(DONE, STATEMENT_TYPE.scl);
}

function toParameterValue(value: OptionValue): ParameterValue {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (value === 'TRUE' || value === 'FALSE') return value === 'TRUE';
  return value;
}

/**
 * BEGIN / COMMIT / ROLLBACK on the session's own DuckDB connection. As in Snowflake, BEGIN
 * inside a transaction and COMMIT/ROLLBACK outside one are accepted and change nothing.
 */
export async function transactionCommand({ session }: ExecContext, verb: 'BEGIN' | 'COMMIT' | 'ROLLBACK'): Promise<StatementResult> {
  if (verb === 'BEGIN') {
    if (!session.inTransaction) {
      await session.connection.run('BEGIN TRANSACTION');
      session.inTransaction = true;
    }
    return statusResult(DONE, STATEMENT_TYPE.tcl);
  }
  if (!session.inTransaction) return statusResult(DONE, STATEMENT_TYPE.tcl);
  session.inTransaction = false;
  try {
    await session.connection.run(verb);
  } catch (error) {
    // A COMMIT that fails (e.g. after a failed statement, see README) must not leave the
    // connection inside a half-open transaction.
    await session.connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return statusResult(DONE, STATEMENT_TYPE.tcl);
}

/**
 * Snowflake commits an open transaction before any DDL statement runs; tests of code that
 * mixes DDL into a transaction must see that, so the emulator does the same.
 */
export async function implicitCommitBeforeDdl({ session }: ExecContext): Promise<void> {
  if (!session.inTransaction) return;
  session.inTransaction = false;
  await session.connection.run('COMMIT');
}
