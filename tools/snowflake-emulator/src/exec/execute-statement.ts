import type { Binding } from '../protocol/request-schemas.ts';
import { SnowflakeError } from '../protocol/snowflake-error.ts';
import { STATEMENT_TYPE, statusResult, type StatementResult } from '../result/statement-result.ts';
import type { ExecContext } from '../state/emulator-state.ts';
import { TokenEditor } from '../sql/token-editor.ts';
import { copyInto } from '../stage/copy-into.ts';
import { putCommand } from '../stage/put-command.ts';
import { createFileFormat, createStage, dropFileFormat, dropStage, listStage, removeFromStage } from '../stage/stage-commands.ts';
import { describeTable } from './describe-table.ts';
import { runSql } from './run-sql.ts';
import { showCommand } from './show-commands.ts';
import { alterSession, databaseCommand, implicitCommitBeforeDdl, transactionCommand, useCommand } from './session-commands.ts';

/** A statement either returns rows, or (PUT) tells the driver where to upload files. */
export type StatementOutcome =
  | { kind: 'rows'; result: StatementResult }
  | { kind: 'transfer'; data: Record<string, unknown> };

const rows = (result: StatementResult): StatementOutcome => ({ kind: 'rows', result });

/** Account-level objects the emulator accepts and ignores (one DuckDB database, no RBAC). */
const IGNORED_OBJECTS = new Set(['WAREHOUSE', 'ROLE', 'USER', 'INTEGRATION', 'RESOURCE', 'NETWORK', 'SHARE']);

/** Routes one Snowflake statement to its handler. */
export async function executeStatement(context: ExecContext, sql: string, bindings: Record<string, Binding> | undefined): Promise<StatementOutcome> {
  const editor = new TokenEditor(sql);
  const first = editor.kw(0);
  switch (first) {
    case 'USE':
      return rows(await useCommand(context, editor));
    case 'BEGIN':
    case 'START':
      return rows(await transactionCommand(context, 'BEGIN'));
    case 'COMMIT':
      return rows(await transactionCommand(context, 'COMMIT'));
    case 'ROLLBACK':
      return rows(await transactionCommand(context, 'ROLLBACK'));
    case 'PUT':
      return { kind: 'transfer', data: putCommand(context, sql) };
    case 'GET':
      throw new SnowflakeError('000002', '0A000', 'GET (download from a stage) is not emulated.');
    case 'COPY':
      return rows(await copyInto(context, sql));
    case 'LIST':
    case 'LS':
      return rows(listStage(context, editor));
    case 'REMOVE':
    case 'RM':
      return rows(removeFromStage(context, editor));
    case 'GRANT':
    case 'REVOKE':
      return rows(statusResult('Statement executed successfully.'));
    case 'ALTER':
      if (editor.kw(1) === 'SESSION') return rows(alterSession(context, editor));
      if (IGNORED_OBJECTS.has(editor.kw(1) ?? '')) return rows(statusResult('Statement executed successfully.'));
      break;
    case 'CREATE':
    case 'DROP':
      return createOrDrop(context, editor, sql, bindings);
    case 'DESCRIBE':
    case 'DESC':
      return rows(await describeTable(context, editor));
    case 'SHOW':
      return rows(await showCommand(context, editor));
    default:
      break;
  }
  return rows(await runSql(context, sql, bindings));
}

async function createOrDrop(context: ExecContext, editor: TokenEditor, sql: string, bindings: Record<string, Binding> | undefined): Promise<StatementOutcome> {
  let i = 1;
  if (editor.kw(i) === 'OR' && editor.kw(i + 1) === 'REPLACE') i += 2;
  while (['TEMPORARY', 'TEMP', 'LOCAL', 'GLOBAL', 'VOLATILE', 'TRANSIENT'].includes(editor.kw(i) ?? '')) i++;
  const kind = editor.kw(i);
  const creating = editor.kw(0) === 'CREATE';
  if (kind === 'STAGE' || (kind === 'FILE' && editor.kw(i + 1) === 'FORMAT')) {
    // The driver's bind stage is declined before anything else happens: it must not commit
    // the caller's open transaction on the way (see createStage).
    if (!/SYSTEM\$BIND/i.test(sql)) await implicitCommitBeforeDdl(context);
    if (kind === 'STAGE') return rows(creating ? createStage(context, editor) : dropStage(context, editor));
    return rows(creating ? createFileFormat(context, editor) : dropFileFormat(context, editor));
  }
  if (kind === 'DATABASE') {
    await implicitCommitBeforeDdl(context);
    return rows(await databaseCommand(context, editor, i + 1));
  }
  if (IGNORED_OBJECTS.has(kind ?? '')) return rows(statusResult('Statement executed successfully.', STATEMENT_TYPE.ddl));
  return rows(await runSql(context, sql, bindings));
}
