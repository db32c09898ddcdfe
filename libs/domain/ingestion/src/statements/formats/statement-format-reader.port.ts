import { token } from '@ledgerline/di';
import type { ParsedStatementFile, StructuredStatementFormat } from './parsed-statement-file.ts';

/**
 * Reads one structured statement format (OFX/QFX, QIF, CAMT.053, MT940) from the file's decoded
 * text. Implemented in @ledgerline/files (the XML formats need an XML parser, a vendor library).
 * `read` throws StatementParseError (line and reason) for anything it cannot read exactly,
 * including a file that ends before its format says it may ("appears truncated at line N").
 */
export interface StatementFormatReader {
  readonly format: StructuredStatementFormat;
  read(text: string, hints?: StatementReadHints): ParsedStatementFile;
}

/** What the operator knows about a file that the file itself may leave open. */
export interface StatementReadHints {
  /** The profile's date format (`DD/MM/YYYY`): settles a day/month order the dates leave open (QIF). */
  dateFormat?: string;
}

/** One reader per structured format. */
export type StatementFormatReaders = Readonly<Record<StructuredStatementFormat, StatementFormatReader>>;

export const STATEMENT_FORMAT_READERS = token<StatementFormatReaders>('StatementFormatReaders');
