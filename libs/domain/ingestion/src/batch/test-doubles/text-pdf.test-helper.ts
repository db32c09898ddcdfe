import { layoutStatement, pageFooter } from '../../statements/pdf/statement-layout.ts';
import type { PdfTextExtractor } from '../../statements/pdf/pdf-text-extractor.port.ts';
import type { Statement } from '../../statements/statement.ts';
import { StatementParseError } from '../../statements/statement-parse-error.ts';

const MAGIC = '%PDF-text\n';

/**
 * A stand-in for pdfkit + pdf-parse in the domain's specs: a "PDF" whose body is the statement's
 * text, one page per form feed, in the order the real renderer draws it. The adapter's own
 * specs and the batch app's integration tests use the real libraries.
 */
export function textPdf(statement: Statement): Uint8Array {
  const layout = layoutStatement(statement);
  const lines = [layout.bank, layout.title, ...layout.details, layout.summaryTitle, ...layout.summary.map((s) => `${s.label} ${s.value}`), layout.tableTitle];
  lines.push(layout.tableHeader.join(' '));
  for (const row of layout.rows) lines.push(`${row.date} ${row.description} ${row.amount} ${row.balance}`, row.reference);
  lines.push(layout.endNote, pageFooter(1, 1));
  return new TextEncoder().encode(MAGIC + lines.join('\n'));
}

export class TextPdfExtractor implements PdfTextExtractor {
  async extractPages(bytes: Uint8Array, file?: string): Promise<string[]> {
    const text = new TextDecoder().decode(bytes);
    if (!text.startsWith(MAGIC)) throw new StatementParseError({ ...(file ? { file } : {}), line: 0, reason: 'not a PDF (no %PDF- header)' });
    return text.slice(MAGIC.length).split('\f');
  }
}
