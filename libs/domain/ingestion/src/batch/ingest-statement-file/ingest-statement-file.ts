import type { Transaction } from '@ledgerline/transactions';
import { StoreConstraintError } from '../../ports/store-constraint-error.ts';
import type { IngestedFile } from '../../ports/store-records.ts';
import { detectStatementFormat, type StatementFormat } from '../../statements/detect-statement-format.ts';
import type { StructuredStatementFormat } from '../../statements/formats/parsed-statement-file.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';
import type { StoredFile } from '../file-store.port.ts';
import { DEFAULT_CHUNK_SIZE, DEFAULT_MAX_PDF_BYTES, DEFAULT_MAX_STRUCTURED_BYTES, type BatchIngestDeps, type BatchIngestOptions } from './batch-ingest-options.ts';
import type { AlreadyIngestedOutcome, FileIngestOutcome, QuarantinedFileOutcome } from './file-ingest-outcome.ts';
import { loadStatementTransactions, recomputeStatementBalances } from './load-statement-transactions.ts';
import { readCsvStatement } from './read-csv-statement.ts';
import { readPdfStatement } from './read-pdf-statement.ts';
import { readStructuredStatement } from './read-structured-statement.ts';
import type { ReadContext, StatementReadOptions } from './statement-read-options.ts';
import { unrecognisedContentReason } from './unrecognised-content.ts';

/** Bytes read to detect the format (detectStatementFormat looks at the first 8 KiB). */
const HEAD_BYTES = 64 * 1024;

/**
 * Ingests one statement file exactly once (architecture §4, batch):
 *  1. sha256 of the bytes; a file already in the manifest is a no-op (moved to processed/).
 *  2. The format is detected by content, not by name.
 *  3. The file is read (CSV streamed, PDF parsed whole first) and written in ONE database
 *     transaction together with its manifest entry: a crash or a bad row leaves nothing behind,
 *     and a committed file is never loaded again.
 *  4. Loaded files move to processed/; refused ones to quarantine/ with `<name>.error.json`.
 * A problem outside the file (database down, I/O) is thrown, and the file stays in incoming/; so
 * is a file whose size or mtime changed while it was read (FileChangedWhileReadingError: rolled
 * back, taken again once it settles).
 */
export async function ingestStatementFile(file: StoredFile, deps: BatchIngestDeps, options: BatchIngestOptions): Promise<FileIngestOutcome> {
  const { files, store } = deps;
  const now = deps.now ?? Date.now;
  const started = now();
  const sha256 = await files.sha256(file.path);
  const previous = await store.findIngestedFile(sha256);
  if (previous) return alreadyIngested(file, sha256, previous, deps, options);

  const head = await files.readHead(file.path, HEAD_BYTES);
  const format = detectStatementFormat(head, file.name);
  const context: ReadContext = {};
  const readOptions: StatementReadOptions = {
    file: file.name,
    baseCurrency: options.baseCurrency,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.account !== undefined ? { account: options.account } : {}),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
  };
  try {
    const accountCurrency = await resolveAccountCurrency(file, deps, options);
    if (accountCurrency !== undefined) readOptions.defaultCurrency = accountCurrency;
    if (format === 'unknown') throw new StatementParseError({ file: file.name, line: 0, reason: unrecognisedContentReason(head, file.size) });
    // A PDF or a structured statement is parsed completely before the transaction opens; a CSV streams inside it.
    const batches: AsyncIterable<Transaction[]> | Iterable<Transaction[]> =
      format === 'pdf'
        ? [await readPdf(file, deps, options, readOptions, context)]
        : format === 'csv'
          ? readCsvStatement(files.readChunks(file.path), readOptions, context, deps.codec)
          : [await readStructured(file, format, deps, options, readOptions, context)];
    const ingestedAt = new Date(now());
    const counts = await store.withTransaction(async (tx) => {
      const loaded = await loadStatementTransactions(tx, batches, {
        file: file.name,
        chunkSize: options.chunkSize ?? DEFAULT_CHUNK_SIZE,
        ingestedAt,
        onChunk: (rows) => deps.onProgress?.({ file: file.name, rows, elapsedMs: now() - started }),
      });
      await recomputeStatementBalances(tx, loaded.accounts, file.name);
      await tx.recordIngestedFile({ sha256, file_name: file.name, format, rows: loaded.rows, ingested_at: ingestedAt.toISOString() });
      // Last step before the commit: a writer that came back while the file was read would leave
      // a load of only its first part (and a sha256 of bytes no longer there).
      await assertUnchanged(file, deps);
      return loaded;
    });
    const movedTo = await files.move(file.path, options.folders.processed);
    return {
      status: 'loaded',
      file: file.name,
      format,
      sha256,
      account_id: context.account_id ?? '',
      rows: counts.rows,
      inserted: counts.inserted,
      updated: counts.updated,
      duplicates: counts.duplicates,
      seconds: (now() - started) / 1000,
      movedTo,
    };
  } catch (error) {
    // Another ingester committed the same bytes while this one was reading: theirs counts.
    if (error instanceof StoreConstraintError && error.table === 'ingested_files' && error.kind === 'unique') {
      return alreadyIngested(file, sha256, await store.findIngestedFile(sha256), deps, options);
    }
    if (!(error instanceof StatementParseError)) throw error;
    // What was refused may be only the part written so far: never quarantine a file still being written.
    await assertUnchanged(file, deps);
    return quarantine(file, format, sha256, error, context, deps, options);
  }
}

/**
 * The currency of the account a foreign statement is loaded into, for rows the file gives none:
 * the stored account's (a port lookup), else the operator's `--currency`; an `--currency` that
 * contradicts the stored one is refused. Undefined when neither is known (such rows are refused).
 */
async function resolveAccountCurrency(file: StoredFile, deps: BatchIngestDeps, options: BatchIngestOptions): Promise<string | undefined> {
  const account = options.account ?? options.profile?.account;
  const stated = options.defaultCurrency;
  if (account === undefined) return stated;
  const stored = await deps.store.accountCurrency(account);
  if (stored !== undefined && stated !== undefined && stored !== stated) {
    throw new StatementParseError({ file: file.name, line: 0, reason: `--currency ${stated} contradicts account ${account}'s currency ${stored}` });
  }
  return stored ?? stated;
}

/** The file was written to while it was being read: nothing of it is committed, it stays in incoming/. */
export class FileChangedWhileReadingError extends Error {
  constructor(file: StoredFile, now: StoredFile | undefined) {
    super(
      now
        ? `${file.name} was written to while it was being read (${file.size} bytes when listed, ${now.size} now); nothing was loaded, it is taken again once it settles`
        : `${file.name} disappeared while it was being read; nothing was loaded`,
    );
    this.name = 'FileChangedWhileReadingError';
  }
}

async function assertUnchanged(file: StoredFile, deps: BatchIngestDeps): Promise<void> {
  const now = await deps.files.stat(file.path);
  if (!now || now.size !== file.size || now.modifiedMs !== file.modifiedMs) throw new FileChangedWhileReadingError(file, now);
}

async function readPdf(file: StoredFile, deps: BatchIngestDeps, options: BatchIngestOptions, readOptions: StatementReadOptions, context: ReadContext): Promise<Transaction[]> {
  const limit = options.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES;
  if (file.size > limit) throw new StatementParseError({ file: file.name, line: 0, reason: `PDF of ${file.size} bytes exceeds the ${limit}-byte limit for PDF statements` });
  return readPdfStatement(await deps.files.readAll(file.path), deps.pdf, readOptions, context);
}

async function readStructured(
  file: StoredFile,
  format: StructuredStatementFormat,
  deps: BatchIngestDeps,
  options: BatchIngestOptions,
  readOptions: StatementReadOptions,
  context: ReadContext,
): Promise<Transaction[]> {
  const limit = options.maxStructuredBytes ?? DEFAULT_MAX_STRUCTURED_BYTES;
  if (file.size > limit) throw new StatementParseError({ file: file.name, line: 0, reason: `${format} statement of ${file.size} bytes exceeds the ${limit}-byte limit for statements read whole` });
  if (!deps.readers) throw new Error(`no statement format readers are configured, so ${format} files cannot be read`);
  return readStructuredStatement(await deps.files.readAll(file.path), format, deps.readers, deps.codec, readOptions, context);
}

async function alreadyIngested(
  file: StoredFile,
  sha256: string,
  previous: IngestedFile | undefined,
  deps: BatchIngestDeps,
  options: BatchIngestOptions,
): Promise<AlreadyIngestedOutcome> {
  if (!previous) throw new Error(`ingested_files has no entry for ${sha256} although it reported one`);
  const movedTo = await deps.files.move(file.path, options.folders.processed);
  return { status: 'already_ingested', file: file.name, sha256, previous, movedTo };
}

async function quarantine(
  file: StoredFile,
  format: StatementFormat,
  sha256: string,
  error: StatementParseError,
  context: ReadContext,
  deps: BatchIngestDeps,
  options: BatchIngestOptions,
): Promise<QuarantinedFileOutcome> {
  const report = {
    line: error.line,
    ...(error.column !== undefined ? { column: error.column } : {}),
    reason: error.reason,
    format,
    sha256,
    size: file.size,
    ...(context.account_id !== undefined ? { account_id: context.account_id } : {}),
    dialect: context.dialect ?? null,
    ...(context.encoding !== undefined ? { encoding: context.encoding } : {}),
    ...(context.statement !== undefined ? { statement: context.statement } : {}),
    quarantined_at: new Date((deps.now ?? Date.now)()).toISOString(),
  };
  const { path, reportPath } = await deps.files.quarantine(file.path, options.folders.quarantine, report);
  return {
    status: 'quarantined',
    file: file.name,
    format,
    sha256,
    line: error.line,
    ...(error.column !== undefined ? { column: error.column } : {}),
    reason: error.reason,
    movedTo: path,
    reportPath,
  };
}
