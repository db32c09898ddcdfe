import { verifyLogin } from '../auth/verify-login.ts';
import { PUBLIC_SCHEMA, schemaExists, useSchema } from '../exec/duckdb-names.ts';
import { failure, ok, type SnowflakeEnvelope } from '../protocol/envelopes.ts';
import type { LoginRequest } from '../protocol/request-schemas.ts';
import { parameterList } from '../protocol/session-parameters.ts';
import { Session } from '../session/session.ts';
import { installTimestampTzMacros } from '../sql/timestamp-tz.ts';
import type { EmulatorState } from '../state/emulator-state.ts';

const SESSION_VALIDITY_SECONDS = 3_600;
const MASTER_VALIDITY_SECONDS = 14_400;

/** Connection parameters name objects like identifiers: upper-cased unless "quoted". */
function objectName(value: string | null): string | null {
  if (!value) return null;
  return value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value.toUpperCase();
}

/**
 * POST /session/v1/login-request. The query string carries databaseName, schemaName,
 * warehouse and roleName; a schema that does not exist leaves the session without a current
 * schema, as in Snowflake.
 */
export async function login(state: EmulatorState, request: LoginRequest, query: URLSearchParams): Promise<SnowflakeEnvelope> {
  const check = verifyLogin(request, state.users);
  if (!check.ok) return failure(check.code, check.message, { nextAction: 'RETRY_LOGIN', authnMethod: request.data.AUTHENTICATOR ?? 'USERNAME_PASSWORD' });

  const connection = await state.instance.connect();
  await installTimestampTzMacros(connection);
  const session = new Session({
    id: state.sessions.newId(),
    token: state.sessions.newToken('ETMsDgAAA'),
    masterToken: state.sessions.newToken('ETMsDgAAB'),
    user: check.user,
    database: objectName(query.get('databaseName')),
    schema: null,
    warehouse: objectName(query.get('warehouse')),
    role: objectName(query.get('roleName')) ?? 'PUBLIC',
    connection,
  });
  if (session.database) state.databases.add(session.database);
  const schema = objectName(query.get('schemaName')) ?? PUBLIC_SCHEMA;
  if (await schemaExists(connection, state.catalog, schema)) {
    await useSchema(connection, state.catalog, schema);
    session.schema = schema;
  } else {
    await useSchema(connection, state.catalog, PUBLIC_SCHEMA);
  }
  for (const [name, value] of Object.entries(request.data.SESSION_PARAMETERS ?? {})) {
    if (value === null) continue;
    session.parameters.set(name.toUpperCase(), value);
    if (name.toUpperCase() === 'QUERY_TAG' && typeof value === 'string') state.queryTags.push(value);
  }
  state.sessions.add(session);

  return ok({
    masterToken: session.masterToken,
    token: session.token,
    validityInSeconds: SESSION_VALIDITY_SECONDS,
    masterValidityInSeconds: MASTER_VALIDITY_SECONDS,
    displayUserName: session.user,
    serverVersion: '9.0.0-emulator',
    firstLogin: false,
    remMeToken: null,
    remMeValidityInSeconds: 0,
    healthCheckInterval: 45,
    newClientForUpgrade: null,
    sessionId: Number(session.id),
    parameters: parameterList(session.parameters),
    sessionInfo: {
      databaseName: session.database,
      schemaName: session.schema,
      warehouseName: session.warehouse,
      roleName: session.role,
    },
    idToken: null,
    idTokenValidityInSeconds: 0,
    responseData: null,
    mfaToken: null,
    mfaTokenValidityInSeconds: 0,
  });
}

/** POST /session/token-request: a new session token for the master token's session. */
export function renewToken(state: EmulatorState, session: Session): SnowflakeEnvelope {
  const token = state.sessions.renew(session);
  return ok({
    sessionToken: token,
    validityInSecondsST: SESSION_VALIDITY_SECONDS,
    masterToken: session.masterToken,
    validityInSecondsMT: MASTER_VALIDITY_SECONDS,
  });
}

/**
 * Ends a session: an open transaction is rolled back, its temporary tables and stages go,
 * and its DuckDB connection closes. Waits for the session's running statements first.
 */
export async function closeSession(state: EmulatorState, session: Session): Promise<void> {
  state.sessions.remove(session);
  await session.serialize(async () => {
    if (session.inTransaction) await session.connection.run('ROLLBACK').catch(() => undefined);
    session.inTransaction = false;
    state.stages.dropTemporaryStagesOf(session.id);
    session.close();
  });
}
