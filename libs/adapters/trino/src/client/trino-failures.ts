import { TerminalError, TransientError } from '@ledgerline/transactions';
import type { TrinoErrorBody } from './trino-protocol.ts';

/** A statement Trino ran and refused or failed, with Trino's own error name and type. */
export class TrinoQueryError extends Error {
  override name = 'TrinoQueryError';
  constructor(
    readonly error: TrinoErrorBody,
    readonly queryId: string | undefined,
  ) {
    super(`Trino: ${error.errorName ?? 'ERROR'}: ${error.message}`);
  }
}

// Error types (io.trino.spi.ErrorType) for which the same statement may succeed later: the cluster
// lacked memory or workers, or a connector's remote system (PostgreSQL, the object store) failed.
const TRANSIENT_TYPES = new Set(['INSUFFICIENT_RESOURCES', 'EXTERNAL']);
// Error names that say the server, not the statement, is the problem.
const TRANSIENT_NAMES = new Set(['SERVER_STARTING_UP', 'SERVER_SHUTTING_DOWN', 'NO_NODES_AVAILABLE', 'REMOTE_TASK_ERROR', 'PAGE_TRANSPORT_TIMEOUT', 'ABANDONED_QUERY']);
// Network failures of fetch (undici puts the system error in `cause`).
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Trino's failures as the domain's verdicts (architecture §4): a server that is down, starting or
 * short of resources is transient; a statement Trino refused (syntax, unknown table, a type error,
 * a permission) is terminal. Unknown errors are left unclassified (callers retry those).
 */
export function classifyTrinoError(error: unknown): unknown {
  if (error instanceof TransientError || error instanceof TerminalError) return error;
  if (error instanceof TrinoQueryError) {
    const { errorType, errorName } = error.error;
    const transient = (errorType !== undefined && TRANSIENT_TYPES.has(errorType)) || (errorName !== undefined && TRANSIENT_NAMES.has(errorName));
    return transient ? new TransientError(error.message, { cause: error }) : new TerminalError(error.message, { cause: error });
  }
  if (error instanceof TrinoHttpError) {
    return error.status >= 500 || error.status === 429 ? new TransientError(error.message, { cause: error }) : new TerminalError(error.message, { cause: error });
  }
  const code = networkCode(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) {
    return new TransientError(`Trino is unreachable (${code})`, { cause: error });
  }
  // undici's own wording for a request that never got an answer (refused, reset, DNS).
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return new TransientError(`Trino is unreachable: ${error.cause instanceof Error ? error.cause.message : 'fetch failed'}`, { cause: error });
  }
  return error;
}

/** An HTTP answer of the coordinator that is not a protocol document (a proxy's 502, a 401). */
export class TrinoHttpError extends Error {
  override name = 'TrinoHttpError';
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`Trino answered HTTP ${status}: ${body.slice(0, 200)}`);
  }
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}
