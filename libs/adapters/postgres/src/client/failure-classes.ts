import { TerminalError, TransientError } from '@ledgerline/transactions';

/**
 * PostgreSQL's (and PGlite's, and the pg driver's) errors as the domain's TransientError or
 * TerminalError, at the edge of the adapter (architecture §4), so no caller restates SQLSTATEs.
 *
 * Transient: the connection (class 08, the socket's errno, pg's "Connection terminated"), the
 * server going away or refusing for now (57P01 admin shutdown, 57P03 cannot connect now, 57014 a
 * cancelled statement), resources (class 53), concurrency (40001 serialization, 40P01 deadlock,
 * 55P03 lock not available). Terminal: any other SQLSTATE, e.g. 28P01 bad password, 3D000 no such
 * database, 42P01 no such table (migrations not run), 42501 no privilege.
 * Integrity and data errors (classes 23 and 22) are left as they are: the store turns them into
 * a StoreConstraintError naming the row (constraint-errors.ts), which is terminal too.
 */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '57P01', '57P02', '57P03', '57014']);
const TRANSIENT_CLASSES = ['08', '53'];
const LEFT_TO_THE_STORE = ['22', '23'];
const NETWORK_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);
const CONNECTION_LOST = /connection terminated|terminating connection|connection timeout|timeout exceeded when trying to connect|client has encountered a connection error|server closed the connection/i;
const SQLSTATE = /^[0-9A-Z]{5}$/;

export type PostgresFailure = 'transient' | 'terminal' | 'store' | 'unknown';

/** The verdict on one error (exported for its spec). */
export function postgresFailureKind(error: unknown): PostgresFailure {
  if (error instanceof TransientError || error instanceof TerminalError) return 'unknown';
  if (typeof error !== 'object' || error === null) return 'unknown';
  const driverError = (error as { driverError?: unknown }).driverError ?? error;
  const code = (driverError as { code?: unknown }).code;
  if (typeof code === 'string' && SQLSTATE.test(code)) {
    if (LEFT_TO_THE_STORE.some((c) => code.startsWith(c))) return 'store';
    return TRANSIENT_SQLSTATES.has(code) || TRANSIENT_CLASSES.some((c) => code.startsWith(c)) ? 'transient' : 'terminal';
  }
  if (typeof code === 'string' && NETWORK_ERRNOS.has(code)) return 'transient';
  const message = driverError instanceof Error ? driverError.message : '';
  return CONNECTION_LOST.test(message) ? 'transient' : 'unknown';
}

/** The error as the domain should see it: wrapped in its verdict (message kept, driver error as cause), else unchanged. */
export function classifyPostgresError(error: unknown): unknown {
  const kind = postgresFailureKind(error);
  if (kind !== 'transient' && kind !== 'terminal') return error;
  const message = error instanceof Error ? error.message : String(error);
  return kind === 'transient' ? new TransientError(message, { cause: error }) : new TerminalError(message, { cause: error });
}
