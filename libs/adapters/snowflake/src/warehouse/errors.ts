import { TerminalError, TransientError } from '@ledgerline/transactions';
import { WarehouseUnavailableError } from '@ledgerline/warehouse-sync';
import { snowflakeErrorDetails } from '../errors.ts';

/**
 * What to do about a failed statement:
 * - `retry`: a transient server-side condition; the session is fine, run the whole unit again;
 * - `reconnect`: the session or the network is gone; log in again, then run the whole unit again;
 * - `fail`: anything else (SQL errors, conflicts, hooks) is not going to improve by retrying.
 */
export type SnowflakeFailureKind = 'retry' | 'reconnect' | 'fail';

/** Snowflake SQL error codes worth a retry of the whole transaction. */
export const TRANSIENT_SNOWFLAKE_CODES: Readonly<Record<string, string>> = {
  '000625': 'too many statements queued for a table lock (the 20-waiter limit)',
  '000604': 'statement canceled by the service (e.g. a warehouse restart or maintenance)',
  '000603': 'SQL execution internal error (a service incident)',
};

/** Codes (Snowflake and snowflake-sdk) that mean this session or the network is gone. */
export const RECONNECT_CODES: Readonly<Record<string, string>> = {
  '390111': 'session no longer exists',
  '390112': 'session expired',
  '390114': 'authentication token expired',
  '401001': 'network error: could not reach Snowflake',
  '401002': 'HTTP request failed after the driver’s own retries',
  '401003': 'response was not JSON (a proxy or load balancer error page)',
  '407002': 'the driver connection is not up',
};

/** Node socket errors the driver may pass through without its own code. */
const NETWORK_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Login failed. Not retried by the warehouse: the driver already retried network failures
 * (`maxLoginRetries`), and wrong credentials do not heal.
 */
export class SnowflakeLoginError extends WarehouseUnavailableError {
  constructor(target: string, cause: unknown) {
    const { message, code } = snowflakeErrorDetails(cause);
    super(`cannot log in to ${target}: ${message}${code ? ` (code ${code})` : ''}`, { cause });
    this.name = 'SnowflakeLoginError';
  }
}

export function classifySnowflakeError(error: unknown): SnowflakeFailureKind {
  if (error instanceof WarehouseUnavailableError) return 'fail';
  const { code } = snowflakeErrorDetails(error);
  if (code !== undefined && code in TRANSIENT_SNOWFLAKE_CODES) return 'retry';
  if (code !== undefined && (code in RECONNECT_CODES || NETWORK_ERRNOS.has(code))) return 'reconnect';
  return 'fail';
}

/** `message (code 000625)`: the driver's message plus its code, for logs and error messages. */
export function describeSnowflakeError(error: unknown): string {
  const { message, code, httpStatus } = snowflakeErrorDetails(error);
  const extras = [code ? `code ${code}` : undefined, httpStatus ? `HTTP ${httpStatus}` : undefined].filter(Boolean);
  return extras.length > 0 ? `${message} (${extras.join(', ')})` : message;
}

/**
 * The domain's verdict (TransientError / TerminalError, architecture §4) on what leaves the
 * warehouse: a transient or reconnect code is transient (the next sync cycle may succeed), any
 * other Snowflake error (SQL, a conflict) is terminal, and an error without a Snowflake code is
 * left unclassified. A unit that gave up after its retries and a failed login already leave as
 * WarehouseUnavailableError, which the domain declares transient.
 */
export function snowflakeFailureKind(error: unknown): 'transient' | 'terminal' | undefined {
  if (error instanceof TransientError || error instanceof TerminalError) return undefined;
  // Already the domain's: WarehouseUnavailableError (a unit that gave up, a failed login) is a TransientError.
  if (error instanceof WarehouseUnavailableError) return undefined;
  if (classifySnowflakeError(error) !== 'fail') return 'transient';
  return snowflakeErrorDetails(error).code !== undefined ? 'terminal' : undefined;
}

export function toDomainFailure(error: unknown): unknown {
  const kind = snowflakeFailureKind(error);
  if (!kind) return error;
  const message = error instanceof Error ? error.message : String(error);
  return kind === 'transient' ? new TransientError(message, { cause: error }) : new TerminalError(message, { cause: error });
}
