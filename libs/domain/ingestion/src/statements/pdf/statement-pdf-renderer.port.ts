import { token } from '@ledgerline/di';
import type { Statement } from '../statement.ts';

/** Renders a statement as a PDF; the same statement always gives the same bytes. Implemented with pdfkit in @ledgerline/files. */
export interface StatementPdfRenderer {
  render(statement: Statement): Promise<Uint8Array>;
}

export const STATEMENT_PDF_RENDERER = token<StatementPdfRenderer>('StatementPdfRenderer');
