import { TerminalError, TransientError } from '@ledgerline/transactions';

/**
 * @platformatic/kafka's errors as the domain's TransientError or TerminalError, at the edge of the
 * adapter (architecture §4). Every error of the library carries a `PLT_KFK_*` code and marks
 * itself `canRetry`; a network error or a timeout anywhere in the chain (cause, or one of the
 * errors of a MultipleErrors) is transient: the broker is down or electing a leader, the caller
 * waits. Anything else the library threw (an unknown topic refused, a message too large, a failed
 * login) is terminal. Errors it did not throw pass through unchanged.
 */
interface PlatformaticErrorShape {
  code?: unknown;
  canRetry?: unknown;
  cause?: unknown;
  errors?: unknown;
}

const TRANSIENT_CODES = new Set(['PLT_KFK_NETWORK', 'PLT_KFK_TIMEOUT']);

function isPlatformaticError(error: unknown): error is Error & PlatformaticErrorShape {
  return error instanceof Error && typeof (error as PlatformaticErrorShape).code === 'string' && String((error as PlatformaticErrorShape).code).startsWith('PLT_KFK_');
}

function anyTransient(error: unknown, depth: number): boolean {
  if (!isPlatformaticError(error) || depth > 8) return false;
  if (error.canRetry === true || TRANSIENT_CODES.has(String(error.code))) return true;
  const nested = Array.isArray(error.errors) ? (error.errors as unknown[]) : [];
  return anyTransient(error.cause, depth + 1) || nested.some((e) => anyTransient(e, depth + 1));
}

/** The verdict on one error (exported for its spec): undefined for anything the library did not throw. */
export function platformaticFailureKind(error: unknown): 'transient' | 'terminal' | undefined {
  if (!isPlatformaticError(error)) return undefined;
  return anyTransient(error, 0) ? 'transient' : 'terminal';
}

/** The error wrapped in its verdict (message kept, the library's error as cause), else unchanged. */
export function classifyPlatformaticError(error: unknown): unknown {
  const kind = platformaticFailureKind(error);
  if (!kind) return error;
  const message = (error as Error).message;
  return kind === 'transient' ? new TransientError(message, { cause: error }) : new TerminalError(message, { cause: error });
}
