// Batch statements: generating monthly statement files, and ingesting statement files from a
// folder exactly once (scan or watch). File-system access goes through the FileStore port.
export { FILE_STORE, type FileStore, type StoredFile, type FolderWatch, type QuarantineReport } from './file-store.port.ts';
export {
  DEFAULT_CHUNK_SIZE as DEFAULT_BATCH_CHUNK_SIZE,
  DEFAULT_MAX_PDF_BYTES,
  DEFAULT_MAX_STRUCTURED_BYTES,
  type BatchFolders,
  type BatchIngestDeps,
  type BatchIngestOptions,
  type IngestProgress,
} from './ingest-statement-file/batch-ingest-options.ts';
export {
  describeOutcome,
  type FileIngestOutcome,
  type LoadedFileOutcome,
  type AlreadyIngestedOutcome,
  type QuarantinedFileOutcome,
  type FailedFileOutcome,
} from './ingest-statement-file/file-ingest-outcome.ts';
export { groupDigits } from './group-digits.ts';
export { FileChangedWhileReadingError, ingestStatementFile } from './ingest-statement-file/ingest-statement-file.ts';
export { UNKNOWN_ACCOUNT_REASON } from './ingest-statement-file/resolve-statement-account.ts';
export { scanIncoming, type ScanControls } from './scan-incoming/scan-incoming.ts';
export { DEFAULT_INCOMPLETE_MS, watchIncoming, type IncomingWatcher, type WatchControls } from './watch-incoming/watch-incoming.ts';
export { statementCompleteness, type Completeness } from './watch-incoming/statement-completeness.ts';
export {
  generateStatements,
  statementFileName,
  STATEMENT_FORMATS,
  type StatementFileFormat,
  type GenerateStatementsOptions,
  type GenerateStatementsDeps,
  type GenerateStatementsReport,
  type GeneratedStatementFile,
} from './generate-statements/generate-statements.ts';
export { accountMonthStatements } from './generate-statements/account-month-statements.ts';
export { consecutiveMonths, monthsBetween } from './generate-statements/statement-months.ts';
export { toWinAnsiText, winAnsiStatement } from './generate-statements/win-ansi-text.ts';
