import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { createStatementFormatReaders, IconvTextCodec, LocalFileStore, PdfkitStatementRenderer, PdfParseTextExtractor } from '@ledgerline/files';
import { generateStatements, scanIncoming, type TransactionStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { ExtraStage } from './extra-stage.ts';

export interface BatchStageOptions {
  customers: number;
  /** The stream's first simulated month: statements of that month carry the stream's tx_ids. */
  startMonth: string;
  /** The store batch files load into (the pipeline passes the gated one; ingest takes the balance step itself). */
  store: () => TransactionStore;
  onFile?: (outcome: 'ingested' | 'duplicate' | 'quarantined' | 'failed') => void;
}

/**
 * The batch path inside the pipeline: once, the CSV and PDF statements of the stream's first
 * month are written to data/incoming (atomically); then every scan ingests what is there, each
 * file exactly once. Statement rows share the stream's tx_ids, so they deduplicate against
 * what the stream landed instead of doubling it.
 */
export function batchStage(env: LedgerlineEnv, logger: Logger, options: BatchStageOptions): ExtraStage {
  const files = new LocalFileStore();
  const folders = {
    incoming: resolve(env.DATA_DIR, 'incoming'),
    processed: resolve(env.DATA_DIR, 'processed'),
    quarantine: resolve(env.DATA_DIR, 'quarantine'),
  };
  let generated = false;
  let ingested = 0;
  let quarantined = 0;

  const run = async (signal: AbortSignal): Promise<number> => {
    if (!generated) {
      const report = await generateStatements(
        { seed: env.GENERATOR_SEED, customers: options.customers, startMonth: options.startMonth, month: options.startMonth, months: 1, formats: ['csv', 'pdf'], outDir: folders.incoming, baseCurrency: env.BASE_CURRENCY },
        { files, pdf: new PdfkitStatementRenderer() },
      );
      generated = true;
      logger.info('statements generated', { month: options.startMonth, files: report.files.length });
    }
    const outcomes = await scanIncoming(
      { files, store: options.store(), pdf: new PdfParseTextExtractor(), readers: createStatementFormatReaders(), codec: new IconvTextCodec(), logger },
      { folders, baseCurrency: env.BASE_CURRENCY },
      { signal },
    );
    let rows = 0;
    for (const outcome of outcomes) {
      if (outcome.status === 'loaded') {
        ingested += 1;
        rows += outcome.rows;
        options.onFile?.('ingested');
      } else if (outcome.status === 'already_ingested') {
        options.onFile?.('duplicate');
      } else if (outcome.status === 'quarantined') {
        quarantined += 1;
        options.onFile?.('quarantined');
      } else {
        options.onFile?.('failed');
      }
    }
    return rows;
  };

  return {
    name: 'batch',
    jobs: [{ name: 'batch-ingest', everyMs: 10_000, runAtStart: true, run }],
    status: () => ({ filesIngested: ingested, filesQuarantined: quarantined }),
  };
}
