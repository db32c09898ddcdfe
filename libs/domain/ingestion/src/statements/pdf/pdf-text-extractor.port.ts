import { token } from '@ledgerline/di';

/** Text of a PDF, one string per page, lines in visual order. Implemented with pdf-parse in @ledgerline/files. */
export interface PdfTextExtractor {
  /** Throws StatementParseError for bytes that are not a readable PDF (corrupt, truncated). */
  extractPages(bytes: Uint8Array, file?: string): Promise<string[]>;
}

export const PDF_TEXT_EXTRACTOR = token<PdfTextExtractor>('PdfTextExtractor');
