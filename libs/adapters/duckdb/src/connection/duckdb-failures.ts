import { TerminalError, TransientError } from '@ledgerline/transactions';

/**
 * DuckDB's errors as the domain's TransientError or TerminalError, at the edge of the adapter
 * (architecture §4). DuckDB names the kind at the start of the message ("Catalog Error: ...").
 * Transient: the file locked by another process (dbt, a second sync) or a write-write conflict
 * between transactions: the same call succeeds once the other side is done. Terminal: what the
 * SQL or the data is (an unknown table, a bad cast, a duplicate key, a corrupt file). Anything
 * else is left unclassified.
 */
const TRANSIENT = /Could not set lock on file|Conflicting lock is held|write-write conflict|TransactionContext Error/i;
const TERMINAL = /^(Catalog|Binder|Parser|Conversion|Constraint|Invalid Input|Not implemented|Out of Range) Error|not a valid DuckDB database file/i;

/** The verdict on one error (exported for its spec). */
export function duckDbFailureKind(error: unknown): 'transient' | 'terminal' | undefined {
  if (!(error instanceof Error) || error instanceof TransientError || error instanceof TerminalError) return undefined;
  if (TRANSIENT.test(error.message)) return 'transient';
  return TERMINAL.test(error.message) ? 'terminal' : undefined;
}

/** The error wrapped in its verdict (message kept, DuckDB's error as cause), else unchanged. */
export function classifyDuckDbError(error: unknown): unknown {
  const kind = duckDbFailureKind(error);
  if (!kind) return error;
  const message = (error as Error).message;
  return kind === 'transient' ? new TransientError(message, { cause: error }) : new TerminalError(message, { cause: error });
}
