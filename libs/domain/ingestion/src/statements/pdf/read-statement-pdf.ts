import { parseStatementText, type ParsedStatementPdf } from './parse-statement-text.ts';
import type { PdfTextExtractor } from './pdf-text-extractor.port.ts';

/** Reads one of our PDF statements through the text-extractor port and parses it. */
export async function readStatementPdf(bytes: Uint8Array, extractor: PdfTextExtractor, file?: string): Promise<ParsedStatementPdf> {
  const pages = await extractor.extractPages(bytes, file);
  return parseStatementText(pages, file);
}
