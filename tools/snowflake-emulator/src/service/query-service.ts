import { randomUUID } from 'node:crypto';
import { executeStatement } from '../exec/execute-statement.ts';
import { failure, ok, type SnowflakeEnvelope } from '../protocol/envelopes.ts';
import type { Binding, QueryRequest } from '../protocol/request-schemas.ts';
import { fromDuckDbError } from '../protocol/snowflake-error.ts';
import { syntheticColumn } from '../result/column-metadata.ts';
import { STATEMENT_TYPE } from '../result/statement-result.ts';
import type { Session } from '../session/session.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { splitStatements } from '../sql/split-statements.ts';
import { rowsEnvelope, transferEnvelope } from './envelopes-for-results.ts';

/** Snowflake's code for "the query was submitted asynchronously" (lib/connection/statement.js). */
const QUERY_IN_PROGRESS_ASYNC = '333334';
const MAX_STORED_RESULTS = 1_000;
const MAX_STORED_ROWS = 10_000;

/** POST /queries/v1/query-request for an authenticated session. */
export async function handleQueryRequest(state: EmulatorState, session: Session, request: QueryRequest): Promise<SnowflakeEnvelope> {
  if (request.describeOnly) {
    // Running the statement instead would silently execute DML that was only to be described.
    return failure('0A000', 'describeOnly requests are not emulated.', { sqlState: '0A000' });
  }
  const statements = splitStatements(request.sqlText);
  if (statements.length === 0) return failure('000900', 'SQL compilation error:\nEmpty SQL statement.', { sqlState: '42000' });
  const desired = Number(request.parameters?.MULTI_STATEMENT_COUNT ?? session.parameters.get('MULTI_STATEMENT_COUNT') ?? 1);
  if (statements.length > 1 && desired !== 0 && desired !== statements.length) {
    return failure('000008', `Actual statement count ${statements.length} did not match the desired statement count ${desired}.`, { sqlState: '0A000' });
  }
  const statementTag = request.parameters?.QUERY_TAG;
  if (typeof statementTag === 'string' && statementTag !== '') state.queryTags.push(statementTag);
  const tag = typeof statementTag === 'string' && statementTag !== '' ? statementTag : undefined;

  const run = async () => {
    if (statements.length > 1) return runMany(state, session, statements, tag);
    const queryId = randomUUID();
    const envelope = await runOne(state, session, statements[0]!, request.bindings, tag, queryId);
    // Kept for connection.getResultsFromQueryId(); big results are not worth the memory.
    if (envelope.success && rowCount(envelope) <= MAX_STORED_ROWS) storeResult(state, queryId, envelope);
    return envelope;
  };

  if (request.asyncExec) {
    const queryId = randomUUID();
    // The work is queued on the session; the driver polls /monitoring/queries/<id>.
    void session.serialize(async () => {
      const envelope = await runOne(state, session, request.sqlText, request.bindings, tag, queryId);
      storeResult(state, queryId, envelope);
    });
    return { ...ok({ queryId, getResultUrl: `/queries/${queryId}/result` }), code: QUERY_IN_PROGRESS_ASYNC, message: 'Asynchronous execution in progress.' };
  }
  return session.serialize(run);
}

async function runOne(
  state: EmulatorState,
  session: Session,
  sql: string,
  bindings: Record<string, Binding> | undefined,
  statementTag: string | undefined,
  queryId: string,
): Promise<SnowflakeEnvelope> {
  const record = state.history.add({
    queryId,
    sessionId: session.id,
    user: session.user,
    sqlText: sql,
    queryTag: statementTag ?? session.queryTag ?? null,
    status: 'RUNNING',
    errorCode: null,
    errorMessage: null,
    startTime: new Date().toISOString(),
  });
  session.lastQueryId = queryId;
  try {
    const outcome = await executeStatement({ state, session }, sql, bindings);
    record.status = 'SUCCESS';
    const binds = bindings ? Object.keys(bindings).length : 0;
    return outcome.kind === 'rows' ? rowsEnvelope(session, queryId, outcome.result, binds) : transferEnvelope(session, queryId, outcome.data);
  } catch (error) {
    const sfError = fromDuckDbError(error);
    record.status = 'FAILED_WITH_ERROR';
    record.errorCode = sfError.code;
    record.errorMessage = sfError.message;
    return failure(sfError.code, sfError.message, { sqlState: sfError.sqlState, queryId, line: -1, pos: -1, type: 'COMPILATION' });
  }
}

/**
 * Several statements in one request (MULTI_STATEMENT_COUNT): each runs as its own query; the
 * answer lists their ids in `resultIds` and the driver fetches each via /queries/<id>/result.
 * Execution stops at the first failing statement, whose error is the answer.
 */
async function runMany(state: EmulatorState, session: Session, statements: string[], tag: string | undefined): Promise<SnowflakeEnvelope> {
  const ids: string[] = [];
  for (const sql of statements) {
    const queryId = randomUUID();
    const envelope = await runOne(state, session, sql, undefined, tag, queryId);
    if (!envelope.success) return envelope;
    storeResult(state, queryId, envelope);
    ids.push(queryId);
  }
  return withResultIds(rowsEnvelopeFor(session, ids), ids);
}

function rowsEnvelopeFor(session: Session, ids: string[]): SnowflakeEnvelope {
  return rowsEnvelope(
    session,
    randomUUID(),
    {
      rowtype: [syntheticColumn('multiple statement execution', 'text')],
      rowset: [[`${ids.length} statements executed successfully.`]],
      statementTypeId: STATEMENT_TYPE.select,
    },
    0,
  );
}

function withResultIds(envelope: SnowflakeEnvelope, ids: string[]): SnowflakeEnvelope {
  return { ...envelope, data: { ...(envelope.data as Record<string, unknown>), resultIds: ids.join(',') } };
}

function rowCount(envelope: SnowflakeEnvelope): number {
  const rowset = (envelope.data as { rowset?: unknown[] } | null)?.rowset;
  return Array.isArray(rowset) ? rowset.length : 0;
}

function storeResult(state: EmulatorState, queryId: string, envelope: SnowflakeEnvelope): void {
  state.results.set(queryId, envelope);
  if (state.results.size > MAX_STORED_RESULTS) {
    const oldest = state.results.keys().next().value;
    if (oldest !== undefined) state.results.delete(oldest);
  }
}
