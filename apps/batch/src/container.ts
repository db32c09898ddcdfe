import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot } from '@ledgerline/di';
import { FILE_STORE, PDF_TEXT_EXTRACTOR, STATEMENT_FORMAT_READERS, STATEMENT_PDF_RENDERER, TEXT_CODEC, TRANSACTION_STORE } from '@ledgerline/ingestion';
import { IconvTextCodec, LocalFileStore, PdfParseTextExtractor, PdfkitStatementRenderer, createStatementFormatReaders } from '@ledgerline/files';
import type { Logger } from '@ledgerline/logging';
import { postgresFromEnv } from '@ledgerline/postgres';

/**
 * The batch app's bindings. TransactionStore: PostgreSQL when DATABASE_URL is set, else embedded
 * PGlite in DATA_DIR/pglite (architecture §2). Async because opening the store connects.
 */
export async function buildBatchContainer(env: LedgerlineEnv, logger: Logger): Promise<CompositionRoot> {
  const postgres = await postgresFromEnv(env, { logger });
  const root = bindStatementFiles(new CompositionRoot()).value(TRANSACTION_STORE, postgres.store, postgres.description);
  root.onDispose('transaction store', () => postgres.close());
  return root;
}

/**
 * The statement-file ports only (local folders, pdfkit, pdf-parse, the OFX/QIF/CAMT.053/MT940
 * readers): all `generate` needs, so it
 * opens no database.
 */
export function bindStatementFiles(root: CompositionRoot): CompositionRoot {
  return root
    .bind(FILE_STORE, () => new LocalFileStore(), 'local file system')
    .bind(STATEMENT_PDF_RENDERER, () => new PdfkitStatementRenderer(), 'pdfkit')
    .bind(PDF_TEXT_EXTRACTOR, () => new PdfParseTextExtractor(), 'pdf-parse')
    .bind(STATEMENT_FORMAT_READERS, () => createStatementFormatReaders(), 'OFX/QFX, QIF, CAMT.053 (fast-xml-parser), MT940 readers')
    .bind(TEXT_CODEC, () => new IconvTextCodec(), 'iconv-lite + chardet');
}

