import type { Logger } from '@ledgerline/logging';
import type { MappingProfile } from '../../statements/csv/mapping-profile.ts';
import type { StatementFormatReaders } from '../../statements/formats/statement-format-reader.port.ts';
import type { TextCodec } from '../../statements/formats/text-codec.port.ts';
import type { PdfTextExtractor } from '../../statements/pdf/pdf-text-extractor.port.ts';
import type { TransactionStore } from '../../ports/transaction-store.port.ts';
import type { FileStore } from '../file-store.port.ts';

/** The three folders of batch ingestion (architecture §1: data/incoming, processed, quarantine). */
export interface BatchFolders {
  incoming: string;
  processed: string;
  quarantine: string;
}

/** Rows of one file loaded so far (inside its still-open database transaction). */
export interface IngestProgress {
  file: string;
  rows: number;
  elapsedMs: number;
}

export interface BatchIngestDeps {
  files: FileStore;
  store: TransactionStore;
  pdf: PdfTextExtractor;
  /**
   * Readers of the structured formats (OFX/QFX, QIF, CAMT.053, MT940). Without them such a file
   * fails (stays in incoming/): a wiring gap, not a fault of the file.
   */
  readers?: StatementFormatReaders;
  /** Legacy text encodings (code pages), for files that are not Unicode. */
  codec?: TextCodec;
  logger: Logger;
  /** Wall clock for `ingested_at` and durations; default `Date.now`. */
  now?: () => number;
  /** Called after every chunk written, for progress output. */
  onProgress?: (progress: IngestProgress) => void;
}

export interface BatchIngestOptions {
  folders: BatchFolders;
  /** Mapping profile for foreign banks' CSV exports; its `account` names the account. */
  profile?: MappingProfile;
  /** The account a foreign statement belongs to (wins over the profile's). */
  account?: string;
  /**
   * The operator's currency of the account (`--currency`), for rows whose file and profile state
   * none and whose account is not stored with a currency (the stored account's currency wins;
   * a different one here is refused). Without either such rows are refused: never the base currency.
   */
  defaultCurrency?: string;
  /** Currency of `normalized_amount`. */
  baseCurrency: string;
  /** Rows per write inside the file's transaction (default 10,000). */
  chunkSize?: number;
  /** PDFs are read whole: larger ones are refused (default 64 MiB). */
  maxPdfBytes?: number;
  /** Structured statements (OFX, QIF, CAMT.053, MT940) are read whole: larger ones are refused (default 64 MiB). */
  maxStructuredBytes?: number;
  /** Encoding of the files (WHATWG label, `--encoding`): wins over detection. */
  encoding?: string;
}

export const DEFAULT_CHUNK_SIZE = 10_000;
export const DEFAULT_MAX_PDF_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_STRUCTURED_BYTES = 64 * 1024 * 1024;
