import type { ParsedStatementRow } from '../parsed-statement-row.ts';
import { StatementCsvParser, type CsvParseOptions } from './statement-csv-parser.ts';
import type { DetectedDialect } from './detected-dialect.ts';

export interface ParsedStatementCsv {
  dialect: DetectedDialect;
  rows: ParsedStatementRow[];
}

/** Whole-file convenience over StatementCsvParser (small files, tests). */
export function parseStatementCsv(bytes: Uint8Array, options: CsvParseOptions = {}): ParsedStatementCsv {
  const parser = new StatementCsvParser(options);
  const rows = [...parser.push(bytes), ...parser.end()];
  return { dialect: parser.dialect as DetectedDialect, rows };
}

export interface CsvRowBatch {
  dialect: DetectedDialect;
  rows: ParsedStatementRow[];
}

/**
 * Streams a CSV statement from byte chunks (e.g. a file read stream) as batches of rows, one batch
 * per chunk that completed rows, and a last one (possibly empty) when the input ends — so the
 * caller always sees the final dialect. Memory does not grow with the file.
 */
export async function* streamStatementCsv(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: CsvParseOptions = {},
): AsyncGenerator<CsvRowBatch, void, undefined> {
  const parser = new StatementCsvParser(options);
  for await (const chunk of chunks) {
    const rows = parser.push(chunk);
    if (rows.length > 0) yield { dialect: parser.dialect as DetectedDialect, rows };
  }
  const rows = parser.end();
  yield { dialect: parser.dialect as DetectedDialect, rows };
}
