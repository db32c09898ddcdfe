import type { IngestedFile } from '../../ports/store-records.ts';
import type { StatementFormat } from '../../statements/detect-statement-format.ts';
import { groupDigits } from '../group-digits.ts';

/** A file loaded in one database transaction and moved to processed/. */
export interface LoadedFileOutcome {
  status: 'loaded';
  file: string;
  format: Exclude<StatementFormat, 'unknown'>;
  sha256: string;
  account_id: string;
  /** Transaction rows in the file. */
  rows: number;
  /** Rows stored for the first time. */
  inserted: number;
  /** Rows that replaced a stored payload: only if another writer stored the same tx_id meanwhile (normally 0). */
  updated: number;
  /** Rows whose tx_id was already stored (another file, the stream, or earlier in this file): left as they were. */
  duplicates: number;
  seconds: number;
  movedTo: string;
}

/** The same bytes were loaded before: nothing written, the file moved to processed/. */
export interface AlreadyIngestedOutcome {
  status: 'already_ingested';
  file: string;
  sha256: string;
  previous: IngestedFile;
  movedTo: string;
}

/** The file was refused: nothing written, the file and its `.error.json` report are in quarantine/. */
export interface QuarantinedFileOutcome {
  status: 'quarantined';
  file: string;
  format: StatementFormat;
  sha256: string;
  line: number;
  column?: string;
  reason: string;
  movedTo: string;
  reportPath: string;
}

/** Something outside the file failed (database down, I/O): the file stays in incoming/ for the next scan. */
export interface FailedFileOutcome {
  status: 'failed';
  file: string;
  error: string;
}

export type FileIngestOutcome = LoadedFileOutcome | AlreadyIngestedOutcome | QuarantinedFileOutcome | FailedFileOutcome;

/** One line per file, for logs and the CLI. */
export function describeOutcome(outcome: FileIngestOutcome): string {
  const n = groupDigits;
  switch (outcome.status) {
    case 'loaded': {
      const rate = Math.round(outcome.rows / Math.max(outcome.seconds, 0.001));
      return `loaded ${outcome.file} (${outcome.format}, account ${outcome.account_id}): ${n(outcome.rows)} rows, ${n(outcome.inserted)} new, ${n(outcome.duplicates)} duplicates in ${outcome.seconds.toFixed(2)} s (${n(rate)} rows/s)`;
    }
    case 'already_ingested':
      return `${outcome.file}: already ingested on ${outcome.previous.ingested_at} as ${outcome.previous.file_name}; nothing to do`;
    case 'quarantined': {
      const where = [outcome.line > 0 ? `line ${outcome.line}` : '', outcome.column ? `column '${outcome.column}'` : ''].filter(Boolean).join(', ');
      return `quarantined ${outcome.file}: ${where ? `${where}: ` : ''}${outcome.reason} (report: ${outcome.reportPath})`;
    }
    case 'failed':
      return `failed ${outcome.file}: ${outcome.error} (left in place for the next scan)`;
  }
}
