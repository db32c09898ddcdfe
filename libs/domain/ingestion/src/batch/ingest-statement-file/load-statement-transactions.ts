import type { Transaction } from '@ledgerline/transactions';
import { StoreConstraintError } from '../../ports/store-constraint-error.ts';
import type { TransactionStoreTx, UpsertResult } from '../../ports/transaction-store.port.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';

export interface LoadCounts {
  rows: number;
  inserted: number;
  /** Rows whose tx_id was already stored, or came earlier in the same file: not written. */
  duplicates: number;
  /**
   * Rows that replaced a stored payload. Always 0 since stored rows are kept (onConflict 'keep');
   * kept in the counts because the outcome reports it.
   */
  updated: number;
  /** The accounts the file's rows belong to: what the balance step recomputes. */
  accounts: Set<string>;
}

export interface LoadOptions {
  file: string;
  chunkSize: number;
  ingestedAt: Date;
  /** After every chunk: rows of the file handled so far. */
  onChunk?: (rows: number) => void;
}

/**
 * Writes a file's transactions inside the caller's database transaction, in chunks, as they are
 * read. Deduplication across sources: a tx_id that is already stored (from the stream, the seed,
 * or another statement of the same period) is left exactly as it is -- the first source wins and
 * a re-import adds and changes nothing. Statements carry fewer fields than the stream (no
 * merchant, MCC or time of day), so overwriting would lose data. The store does that in the same
 * statement as the insert (onConflict 'keep'), so no existence check per chunk; earlier chunks of
 * this file are in the same transaction, so their ids count as stored too.
 */
export async function loadStatementTransactions(
  tx: TransactionStoreTx,
  batches: AsyncIterable<Transaction[]> | Iterable<Transaction[]>,
  options: LoadOptions,
): Promise<LoadCounts> {
  const counts: LoadCounts = { rows: 0, inserted: 0, duplicates: 0, updated: 0, accounts: new Set() };
  // One chunk in flight: the database writes chunk n while the next one is read and parsed.
  // Writes stay strictly one after another on the transaction's connection.
  let inFlight: Promise<void> | undefined;
  const write = async (chunk: Transaction[]): Promise<void> => {
    await inFlight;
    inFlight = writeChunk(tx, chunk, options, counts).then(() => options.onChunk?.(counts.rows));
    // Failures surface at the next await of inFlight; until then they must not count as unhandled.
    inFlight.catch(() => undefined);
  };
  try {
    // Filled up to exactly chunkSize and handed over whole: no copies of the rows.
    let pending: Transaction[] = [];
    for await (const batch of batches) {
      for (const transaction of batch) {
        pending.push(transaction);
        if (pending.length < options.chunkSize) continue;
        await write(pending);
        pending = [];
      }
    }
    if (pending.length > 0) await write(pending);
    await inFlight;
  } finally {
    // A reading error must not end the transaction while a write is still running on it.
    await inFlight?.catch(() => undefined);
  }
  return counts;
}

async function writeChunk(tx: TransactionStoreTx, chunk: Transaction[], options: LoadOptions, counts: LoadCounts): Promise<void> {
  let result: UpsertResult;
  try {
    result = await tx.upsertTransactions(chunk, { ingestedAt: options.ingestedAt, onConflict: 'keep' });
  } catch (error) {
    if (error instanceof StoreConstraintError) throw refusedRow(error, chunk, options.file);
    throw error;
  }
  counts.rows += chunk.length;
  for (const row of chunk) counts.accounts.add(row.account_id);
  counts.inserted += result.inserted;
  counts.updated += result.updated;
  // Stored before (by another source, or by an earlier chunk or row of this file): left as it was.
  counts.duplicates += result.unchanged;
}

/** The database refused a row: name its line in the file (from source_ref `<file>:<line>`). */
function refusedRow(error: StoreConstraintError, chunk: Transaction[], file: string): StatementParseError {
  const row = error.rowKey === undefined ? undefined : chunk.find((t) => t.tx_id === error.rowKey);
  const line = Number(/:(\d+)$/.exec(row?.source_ref ?? '')?.[1] ?? 0);
  return new StatementParseError({ file, line, reason: `the store refused this row: ${error.message}` });
}

/**
 * The balance step of a statement file, in its transaction: a file whose rows would leave an
 * account below zero is refused as a whole (quarantined with this reason), not half-applied.
 */
export async function recomputeStatementBalances(tx: TransactionStoreTx, accounts: ReadonlySet<string>, file: string): Promise<void> {
  try {
    await tx.recomputeBalances([...accounts]);
  } catch (error) {
    if (error instanceof StoreConstraintError) {
      throw new StatementParseError({ file, line: 0, reason: `the store refused the balance this file leads to: ${error.message}` });
    }
    throw error;
  }
}
