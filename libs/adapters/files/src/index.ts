// Files adapter: statement PDFs (pdfkit rendering, pdf-parse text extraction) and the
// file-system steps of batch ingestion (atomic writes, moves to processed/quarantine, sha256).
export { renderStatementPdf, PdfkitStatementRenderer } from './pdf/render-statement-pdf.ts';
export { extractPdfPages, PdfParseTextExtractor } from './pdf/pdf-parse-text-extractor.ts';
export { parseStatementPdf } from './pdf/parse-statement-pdf.ts';
export { writeFileAtomic, isTempFileName } from './fs/write-file-atomic.ts';
export { moveFile, type MoveConflict, type MoveOptions } from './fs/move-file.ts';
export { quarantineFile, type QuarantinedFile } from './fs/quarantine-file.ts';
export { sha256File, sha256Stream, readFileChunks } from './fs/sha256-file.ts';
export { listFiles } from './fs/list-files.ts';
export { LocalFileStore } from './fs/local-file-store.ts';
export { createStatementFormatReaders } from './statements/statement-format-readers.ts';
export { OfxStatementReader } from './statements/ofx/ofx-statement-reader.ts';
export { QifStatementReader } from './statements/qif/qif-statement-reader.ts';
export { Camt053StatementReader } from './statements/camt/camt053-statement-reader.ts';
export { Mt940StatementReader } from './statements/mt940/mt940-statement-reader.ts';
export { IconvTextCodec } from './encoding/iconv-text-codec.ts';
export { LocalObjectStore } from './object-store/local-object-store.ts';
