import type { Binding } from '../protocol/request-schemas.ts';
import { rowsResult } from '../result/rows-result.ts';
import { countsResult, STATEMENT_TYPE, statusResult, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { identifierValue } from '../sql/tokenize.ts';
import { TokenEditor } from '../sql/token-editor.ts';
import { translateToDuckDb, type Translation } from '../sql/translate.ts';
import { readBinds } from './bindings.ts';
import { PUBLIC_SCHEMA, schemaExists, useSchema } from './duckdb-names.ts';
import { refuseNondeterministicMerge } from './merge-determinism.ts';
import { runDuckDb, type DuckDbOutcome } from './run-duckdb.ts';
import { convertTimestampTzValues } from './timestamp-tz-writes.ts';
import { alignUnionTimestampTz } from './union-timestamp-tz.ts';
import { preferSingleEvaluation } from '../sql/single-evaluation-macros.ts';
import { implicitCommitBeforeDdl, namePartsAt, switchSchema } from './session-commands.ts';

const DDL_VERBS = new Set(['CREATE', 'DROP', 'ALTER', 'COMMENT', 'UNDROP']);

/** An ordinary SQL statement: translated to DuckDB and run on the session's connection. */
export async function runSql(context: ExecContext, sql: string, bindings: Record<string, Binding> | undefined): Promise<StatementResult> {
  const { state, session } = context;
  const editor = new TokenEditor(sql);
  const verb = editor.kw(0) ?? '';
  if (DDL_VERBS.has(verb)) await implicitCommitBeforeDdl(context);
  const translated = translateToDuckDb(sql, { databases: state.databases, tempTables: session.tempTables, facts: session.facts() });
  // Single evaluation before the UNION alignment too: it prepares each branch.
  const converted = preferSingleEvaluation(verb, await convertTimestampTzValues(session.connection, translated.sql));
  const translation = { ...translated, sql: preferSingleEvaluation(verb, await alignUnionTimestampTz(session.connection, converted)) };
  // Snowflake reports MERGE counts per action; DuckDB tells them apart only via RETURNING.
  const duckSql = verb === 'MERGE' ? `${translation.sql} RETURNING merge_action` : translation.sql;
  const binds = readBinds(bindings, translation.parameterCount);

  // An array bind is one statement in Snowflake: all rows or none.
  const ownTransaction = binds.kind === 'array' && !session.inTransaction;
  if (ownTransaction) await session.connection.run('BEGIN TRANSACTION');
  let outcome: DuckDbOutcome;
  try {
    if (verb === 'MERGE') await refuseNondeterministicMerge(session.connection, translation.sql, translation.parameterCount);
    outcome = await runDuckDb(session.connection, duckSql, binds);
    if (ownTransaction) await session.connection.run('COMMIT');
  } catch (error) {
    if (ownTransaction) await session.connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await trackSchemaObjects(context, editor, translation);
  return shapeResult(editor, verb, outcome);
}

/** Keeps the session's view of temp tables and the current schema in step with DDL. */
async function trackSchemaObjects(context: ExecContext, editor: TokenEditor, translation: Translation): Promise<void> {
  const { state, session } = context;
  if (translation.createdTempTable) session.tempTables.add(translation.createdTempTable);
  const { kind, name } = objectOf(editor);
  if (editor.kw(0) === 'DROP' && kind === 'TABLE' && name) session.tempTables.delete(name);
  if (kind !== 'SCHEMA' || !name) return;
  if (editor.kw(0) === 'CREATE') {
    // Snowflake makes a newly created schema the session's current schema.
    await switchSchema(context, name);
  } else if (editor.kw(0) === 'DROP' && session.schema === name) {
    session.schema = null;
    if (await schemaExists(session.connection, state.catalog, PUBLIC_SCHEMA)) await useSchema(session.connection, state.catalog, PUBLIC_SCHEMA);
  }
}

/** CREATE/DROP/ALTER [OR REPLACE] [TEMP...] <KIND> [IF [NOT] EXISTS] <name>. */
function objectOf(editor: TokenEditor): { kind: string | undefined; name: string | undefined } {
  let i = 1;
  if (editor.kw(i) === 'OR' && editor.kw(i + 1) === 'REPLACE') i += 2;
  while (['TEMPORARY', 'TEMP', 'LOCAL', 'GLOBAL', 'VOLATILE', 'TRANSIENT', 'SECURE', 'MATERIALIZED'].includes(editor.kw(i) ?? '')) i++;
  const kind = editor.kw(i);
  i++;
  if (editor.kw(i) === 'IF') i += editor.kw(i + 1) === 'NOT' ? 3 : 2;
  const parts = namePartsAt(editor, i);
  return { kind, name: parts.at(-1) };
}

function shapeResult(editor: TokenEditor, verb: string, outcome: DuckDbOutcome): StatementResult {
  switch (verb) {
    case 'INSERT':
      return countsResult([['number of rows inserted', outcome.rowsChanged]], STATEMENT_TYPE.insert);
    case 'UPDATE':
      return countsResult(
        [
          ['number of rows updated', outcome.rowsChanged],
          ['number of multi-joined rows updated', 0],
        ],
        STATEMENT_TYPE.update,
      );
    case 'DELETE':
      return countsResult([['number of rows deleted', outcome.rowsChanged]], STATEMENT_TYPE.delete);
    case 'MERGE':
      return mergeCounts(editor, outcome);
    case 'TRUNCATE':
      return statusResult('Statement executed successfully.', STATEMENT_TYPE.dml);
    case 'CREATE':
    case 'DROP':
    case 'ALTER':
    case 'COMMENT':
    case 'UNDROP':
      return statusResult(ddlMessage(editor, verb));
    default:
      return rowsResult(outcome, quotedIdentifiers(editor));
  }
}

/** Snowflake answers MERGE with one count column per kind of clause the statement has. */
function mergeCounts(editor: TokenEditor, outcome: DuckDbOutcome): StatementResult {
  const actions = new Set<string>();
  for (let i = 0; i < editor.length; i++) {
    if (editor.kw(i) === 'THEN') actions.add(editor.kw(i + 1) ?? '');
  }
  const tally = (action: string) => outcome.rows.filter((row) => row[0] === action).length;
  const counts: Array<[string, number]> = [];
  if (actions.has('INSERT')) counts.push(['number of rows inserted', tally('INSERT')]);
  if (actions.has('UPDATE')) counts.push(['number of rows updated', tally('UPDATE')]);
  if (actions.has('DELETE')) counts.push(['number of rows deleted', tally('DELETE')]);
  return countsResult(counts, STATEMENT_TYPE.merge);
}

/** The statement's "quoted" identifiers, whose case Snowflake keeps in result names. */
function quotedIdentifiers(editor: TokenEditor): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < editor.length; i++) {
    const token = editor.at(i);
    if (token?.kind === 'quoted') names.add(identifierValue(token));
  }
  return names;
}

function ddlMessage(editor: TokenEditor, verb: string): string {
  const { kind, name } = objectOf(editor);
  if (!kind || !name || verb === 'ALTER' || verb === 'COMMENT') return 'Statement executed successfully.';
  if (verb === 'DROP') return `${name} successfully dropped.`;
  const label = kind.charAt(0) + kind.slice(1).toLowerCase();
  return `${label} ${name} successfully created.`;
}
