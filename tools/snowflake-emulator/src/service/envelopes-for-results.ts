import { ok, type SnowflakeEnvelope } from '../protocol/envelopes.ts';
import { parameterList } from '../protocol/session-parameters.ts';
import type { StatementResult } from '../result/statement-result.ts';
import type { Session } from '../session/session.ts';

/** The session state every result carries (the driver exposes it as getSessionState()). */
function sessionState(session: Session) {
  return {
    parameters: parameterList(session.parameters),
    databaseProvider: null,
    finalDatabaseName: session.database,
    finalSchemaName: session.schema,
    finalWarehouseName: session.warehouse,
    finalRoleName: session.role,
  };
}

/**
 * A finished statement as a JSON result (`queryResultFormat: 'json'`, the only format the
 * Node driver reads). All rows go inline in `rowset`; the emulator never splits results into
 * remote chunks. `version: 1` tells the driver TIMESTAMP_TZ values carry "<seconds> <offset>".
 */
export function rowsEnvelope(session: Session, queryId: string, result: StatementResult, numberOfBinds: number): SnowflakeEnvelope {
  return ok({
    ...sessionState(session),
    rowtype: result.rowtype,
    rowset: result.rowset,
    total: result.rowset.length,
    returned: result.rowset.length,
    queryId,
    numberOfBinds,
    arrayBindSupported: false,
    statementTypeId: result.statementTypeId,
    version: 1,
    sendResultTime: Date.now(),
    queryResultFormat: 'json',
  });
}

/** A PUT answer: where the driver should copy the file (see stage/put-command.ts). */
export function transferEnvelope(session: Session, queryId: string, data: Record<string, unknown>): SnowflakeEnvelope {
  return ok({ ...sessionState(session), ...data, queryId });
}
