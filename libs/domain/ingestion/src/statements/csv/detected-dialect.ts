import type { TextEncodingName } from './byte-decoder.ts';
import type { PreambleLine } from './csv-layout.ts';
import type { CsvDelimiter, SignConvention } from './mapping-profile.ts';
import type { DecimalSeparator } from './money-cell.ts';

/** Header names of the columns in use per role (`#3` when the file has no header). */
export interface DetectedColumns {
  date: string;
  time?: string;
  description: string[];
  amount?: string;
  debit?: string;
  credit?: string;
  direction?: string;
  balance?: string;
  currency?: string;
  category?: string;
  id?: string;
}

/**
 * What the CSV parser found out about a file (or took from the mapping profile). Reported with
 * every batch of rows; `dateFormat` and `decimalSeparator` stay null until a row settles them.
 */
export interface DetectedDialect {
  encoding: TextEncodingName;
  bom: boolean;
  delimiter: CsvDelimiter;
  quote: '"';
  /** 1-based physical line of the header; null for headerless files (profile headerRow: 0). */
  headerLine: number | null;
  preamble: PreambleLine[];
  columns: DetectedColumns;
  amountStyle: 'signed' | 'debit-credit';
  dateFormat: string | null;
  decimalSeparator: DecimalSeparator | null;
  signConvention: SignConvention;
  /** Name of the mapping profile applied ('(unnamed)' if it has none), null when all was detected. */
  profile: string | null;
}
