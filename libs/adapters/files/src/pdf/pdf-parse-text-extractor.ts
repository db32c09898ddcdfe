import { StatementParseError, type PdfTextExtractor } from '@ledgerline/ingestion';

const PDF_MAGIC = '%PDF-';
const EOF_MARKER = '%%EOF';

/**
 * Text per page via pdf-parse 2.x (`new PDFParse({ data }).getText()`). Rejects what is not a
 * PDF, or is cut off (no `%%EOF` near the end), before pdf.js tries to recover a partial document.
 */
export async function extractPdfPages(bytes: Uint8Array, file?: string): Promise<string[]> {
  const fail = (reason: string): never => {
    throw new StatementParseError({ ...(file !== undefined ? { file } : {}), line: 0, reason });
  };
  if (bytes.length === 0) fail('empty file (0 bytes)');
  if (!latin1(bytes.subarray(0, 1024)).includes(PDF_MAGIC)) fail('not a PDF (no %PDF- header)');
  if (!latin1(bytes.subarray(Math.max(0, bytes.length - 1024))).includes(EOF_MARKER)) {
    fail('truncated PDF: the file ends before its %%EOF marker');
  }
  // Loaded on first use: pdf.js adds ~180 MB to a process, which CSV-only ingestion never needs.
  const { PDFParse } = await import('pdf-parse');
  // pdf.js may take ownership of the buffer it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    return result.pages.map((p) => p.text);
  } catch (error) {
    return fail(`unreadable PDF (corrupt or truncated): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await parser.destroy();
  }
}

/** The PdfTextExtractor port over pdf-parse. */
export class PdfParseTextExtractor implements PdfTextExtractor {
  extractPages(bytes: Uint8Array, file?: string): Promise<string[]> {
    return extractPdfPages(bytes, file);
  }
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}
