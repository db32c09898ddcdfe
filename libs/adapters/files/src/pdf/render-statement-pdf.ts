import type PDFDocumentClass from 'pdfkit';
import { layoutStatement, pageFooter, wrapText, type Statement, type StatementLayout, type StatementPdfRenderer } from '@ledgerline/ingestion';
import { firstUnprintable } from './win-ansi.ts';

// A4 in points, and the table's columns (x of the left edge, or of the right edge for amounts).
const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const COL = { date: 50, description: 118, descriptionWidth: 235, amountRight: 440, balanceRight: 545 };
const ROW_LINE = 12;
const REF_LINE = 11;
const ROW_GAP = 4;
const TABLE_BOTTOM = PAGE.height - 70;
const FOOTER_Y = PAGE.height - 45;

// Loaded on first use: pdfkit and its font stack add ~25 MB to a process (10 of it V8 heap that
// every later garbage collection walks), and ingesting CSV statements never renders a PDF.
let pdfkit: Promise<typeof PDFDocumentClass> | undefined;
function loadPdfDocument(): Promise<typeof PDFDocumentClass> {
  pdfkit ??= import('pdfkit').then((module) => module.default);
  return pdfkit;
}

/**
 * Renders a statement with pdfkit: bank header, customer and account, period, account summary,
 * and a transaction table that continues across pages (header repeated, "Page n of m" footers).
 * Text is drawn line by line at fixed positions, in reading order, so that the text extractor
 * reads it back as written; metadata dates are fixed per statement, so output is byte-identical.
 */
export async function renderStatementPdf(statement: Statement): Promise<Buffer> {
  const layout = layoutStatement(statement);
  assertPrintable(layout);
  const PDFDocument = await loadPdfDocument();
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: {
      Title: `${layout.title} ${statement.account_id} ${statement.period.month}`,
      Author: layout.bank,
      Subject: layout.title,
      Creator: 'Ledgerline',
      Producer: 'Ledgerline',
      CreationDate: layout.issuedAt,
      ModDate: layout.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  let y = drawFirstPageHeader(doc, layout);
  y = drawTableHeader(doc, layout, y);
  doc.font('Helvetica').fontSize(9);
  for (const row of layout.rows) {
    doc.font('Helvetica').fontSize(9);
    const lines = wrapText(row.description, COL.descriptionWidth, (s) => doc.widthOfString(s));
    const height = lines.length * ROW_LINE + REF_LINE + ROW_GAP;
    if (y + height > TABLE_BOTTOM) {
      doc.addPage();
      y = drawTableHeader(doc, layout, PAGE.margin);
      doc.font('Helvetica').fontSize(9);
    }
    doc.fillColor('black');
    put(doc, row.date, COL.date, y);
    put(doc, lines[0] ?? '', COL.description, y);
    putRight(doc, row.amount, COL.amountRight, y);
    putRight(doc, row.balance, COL.balanceRight, y);
    for (const [i, line] of lines.slice(1).entries()) put(doc, line, COL.description, y + (i + 1) * ROW_LINE);
    y += lines.length * ROW_LINE;
    doc.font('Helvetica').fontSize(7.5).fillColor('#555555');
    put(doc, row.reference, COL.description, y);
    y += REF_LINE + ROW_GAP;
  }
  if (y + 2 * ROW_LINE > TABLE_BOTTOM) {
    doc.addPage();
    y = PAGE.margin;
  }
  doc.font('Helvetica-Oblique').fontSize(9).fillColor('black');
  put(doc, layout.endNote, COL.date, y + ROW_LINE);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Drawing inside the bottom margin must not make pdfkit open a new page.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor('#555555');
    const footer = pageFooter(i + 1, range.count);
    put(doc, footer, (PAGE.width - doc.widthOfString(footer)) / 2, FOOTER_Y);
  }
  doc.end();
  return finished;
}

/** The StatementPdfRenderer port over renderStatementPdf. */
export class PdfkitStatementRenderer implements StatementPdfRenderer {
  render(statement: Statement): Promise<Uint8Array> {
    return renderStatementPdf(statement);
  }
}

function drawFirstPageHeader(doc: PDFKit.PDFDocument, layout: StatementLayout): number {
  let y = PAGE.margin;
  doc.font('Helvetica-Bold').fontSize(18).fillColor('black');
  put(doc, layout.bank, COL.date, y);
  y += 26;
  doc.font('Helvetica').fontSize(12);
  put(doc, layout.title, COL.date, y);
  y += 24;
  doc.fontSize(9);
  for (const line of layout.details) {
    put(doc, line, COL.date, y);
    y += 13;
  }
  y += 12;
  doc.font('Helvetica-Bold').fontSize(11);
  put(doc, layout.summaryTitle, COL.date, y);
  y += 17;
  doc.font('Helvetica').fontSize(9);
  for (const { label, value } of layout.summary) {
    put(doc, label, COL.date, y);
    putRight(doc, value, 300, y);
    y += 13;
  }
  y += 14;
  doc.font('Helvetica-Bold').fontSize(11);
  put(doc, layout.tableTitle, COL.date, y);
  return y + 18;
}

function drawTableHeader(doc: PDFKit.PDFDocument, layout: StatementLayout, y: number): number {
  const [date = '', description = '', amount = '', balance = ''] = layout.tableHeader;
  doc.font('Helvetica-Bold').fontSize(9).fillColor('black');
  put(doc, date, COL.date, y);
  put(doc, description, COL.description, y);
  putRight(doc, amount, COL.amountRight, y);
  putRight(doc, balance, COL.balanceRight, y);
  doc
    .moveTo(COL.date, y + 12)
    .lineTo(COL.balanceRight, y + 12)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  return y + 18;
}

function put(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  doc.text(text, x, y, { lineBreak: false });
}

function putRight(doc: PDFKit.PDFDocument, text: string, right: number, y: number): void {
  doc.text(text, right - doc.widthOfString(text), y, { lineBreak: false });
}

function assertPrintable(layout: StatementLayout): void {
  const texts = [layout.bank, ...layout.details, ...layout.rows.flatMap((r) => [r.description, r.reference])];
  for (const text of texts) {
    const bad = firstUnprintable(text);
    if (bad !== undefined) {
      throw new Error(`cannot print ${JSON.stringify(bad)} (U+${(bad.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}) in "${text}": statement PDFs use the WinAnsi character set`);
    }
  }
}
