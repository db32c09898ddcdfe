// Bank statements: CSV dialect detection and parsing, our own CSV/PDF statement layout, and
// mapping statement rows to Transactions. Pure: PDF bytes go through the ports below.
export { StatementParseError, type StatementParseErrorDetails } from './statement-parse-error.ts';
export type { ParsedStatementRow } from './parsed-statement-row.ts';
export {
  buildStatement,
  statementLines,
  statementTotals,
  statementDescription,
  monthRange,
  DEFAULT_BANK_NAME,
  type Statement,
  type StatementLine,
  type BuildStatementOptions,
} from './statement.ts';
export { verifyStatementBalances } from './verify-statement-balances.ts';
export { toTransactions, StatementTransactionMapper, normalizeDescription, type ToTransactionsOptions } from './to-transactions.ts';
export { inferTxnType } from './infer-txn-type.ts';
export { detectStatementFormat, type StatementFormat } from './detect-statement-format.ts';

export { StatementCsvParser, type CsvParseOptions } from './csv/statement-csv-parser.ts';
export { parseStatementCsv, streamStatementCsv, type ParsedStatementCsv, type CsvRowBatch } from './csv/parse-statement-csv.ts';
export type { DetectedDialect, DetectedColumns } from './csv/detected-dialect.ts';
export type { PreambleLine } from './csv/csv-layout.ts';
export { TEXT_ENCODINGS, type TextEncodingName } from './csv/byte-decoder.ts';
export {
  parseMappingProfile,
  mappingProfileSchema,
  CSV_DELIMITERS,
  SIGN_CONVENTIONS,
  type MappingProfile,
  type MappingProfileInput,
  type CsvDelimiter,
  type SignConvention,
} from './csv/mapping-profile.ts';
export { renderStatementCsv, STATEMENT_CSV_HEADER } from './csv/render-statement-csv.ts';
export { readStatementCsvPreamble, type StatementCsvPreamble } from './csv/read-statement-csv-preamble.ts';

export { layoutStatement, displayMoney, pageFooter, STATEMENT_TEXT, type StatementLayout, type StatementLayoutRow } from './pdf/statement-layout.ts';
export { wrapText } from './pdf/wrap-text.ts';
export { parseStatementText, type ParsedStatementPdf } from './pdf/parse-statement-text.ts';
export { readStatementPdf } from './pdf/read-statement-pdf.ts';
export { PDF_TEXT_EXTRACTOR, type PdfTextExtractor } from './pdf/pdf-text-extractor.port.ts';
export { STATEMENT_PDF_RENDERER, type StatementPdfRenderer } from './pdf/statement-pdf-renderer.port.ts';

export {
  STRUCTURED_STATEMENT_FORMATS,
  type StructuredStatementFormat,
  type ParsedStatementFile,
  type StatementEntry,
  type StatedBalance,
} from './formats/parsed-statement-file.ts';
export { STATEMENT_FORMAT_READERS, type StatementFormatReader, type StatementFormatReaders, type StatementReadHints } from './formats/statement-format-reader.port.ts';
export { detectStructuredFormat, declaredEncoding } from './formats/detect-structured-format.ts';
export { decodeStatementText, UNKNOWN_ENCODING_REASON, type DecodedStatementText, type DecodeOptions } from './formats/decode-statement-text.ts';
export { TEXT_CODEC, type TextCodec, type EncodingGuess, type IncrementalDecoder } from './formats/text-codec.port.ts';
export { decimalAmount } from './formats/decimal-amount.ts';
export { verifyStatedBalances } from './formats/verify-stated-balances.ts';
export { parseStructuredStatement, type ParseStructuredOptions } from './formats/parse-structured-statement.ts';
