import { parseStatementText, type ParsedStatementPdf } from '@ledgerline/ingestion';
import { extractPdfPages } from './pdf-parse-text-extractor.ts';

/**
 * Reads one of our statement PDFs back: header fields, balances and every row (amounts to the
 * cent), verified to add up. Throws StatementParseError for foreign, truncated or tampered PDFs.
 */
export async function parseStatementPdf(bytes: Uint8Array, file?: string): Promise<ParsedStatementPdf> {
  return parseStatementText(await extractPdfPages(bytes, file), file);
}
