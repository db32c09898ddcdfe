import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { createStatementFormatReaders, IconvTextCodec, LocalFileStore, PdfkitStatementRenderer, PdfParseTextExtractor } from '@ledgerline/files';
import type { FlowDefinition, FlowRunContext } from '@ledgerline/flows';
import { generateStatements, scanIncoming, type TransactionStore } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { StreamPlan, TradeMarket } from '@ledgerline/transactions';
import type { ExtraStage } from './extra-stage.ts';
import { QuiesceGate } from './quiesce-gate.ts';

export interface BatchStageOptions {
  customers: number;
  /** The stream's growth points (its plan's): statements after a --customers increase are its months too. */
  growth: StreamPlan['growth'];
  /** The stream's first simulated month: statements of that month carry the stream's tx_ids. */
  startMonth: string;
  /** The stream's market: its statements carry the same trades (absent: a stream without trades). */
  market?: TradeMarket;
  /** The store batch files load into (the pipeline passes the gated one; ingest takes the balance step itself). */
  store: () => TransactionStore;
  onFile?: (outcome: 'ingested' | 'duplicate' | 'quarantined' | 'failed') => void;
  /**
   * Resolves once the stream running in this process has landed every transaction before the
   * instant (StreamHorizon). A month's statement waits for its month: loaded first, it leaves a
   * hole in the account's history that the balance step refuses as an overdraft. Absent when no
   * stream runs here (the flows CLI): the statement then loads at once.
   */
  untilStreamLanded?: (instant: Date, signal: AbortSignal) => Promise<void>;
  now?: () => Date;
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/**
 * The month a `batch-statements` run writes: its backfill day's, else the last completed month;
 * never one before the stream's first, never one not over yet (a statement of the running month
 * would hold rows the stream has not reached, future-dated ones too). Undefined when the stream
 * has no completed month yet.
 */
export function statementMonth(context: Pick<FlowRunContext, 'interval'>, startMonth: string, now: Date): string | undefined {
  const current = monthOf(now);
  if (context.interval) {
    const month = context.interval.start.slice(0, 7);
    if (month < startMonth) throw new Error(`${context.interval.start} is before the stream's first month ${startMonth}: there are no statements to write for it`);
    if (month >= current) throw new Error(`${context.interval.start} is in ${month}, which is not over yet: statements are written for completed months`);
    return month;
  }
  const last = monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)));
  return last < startMonth ? undefined : last;
}

/** The first instant after a YYYY-MM month. */
export function monthEnd(month: string): Date {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1));
}

/**
 * The batch path inside the pipeline, as two flows:
 * - `batch-statements` (daily, and once at start): writes the CSV and PDF statements of a month to
 *   data/incoming (atomically) and ingests what is there. Statement rows share the stream's
 *   tx_ids, so they deduplicate against what the stream landed instead of doubling it;
 * - `batch-ingest` (every 10 s): ingests any file dropped into data/incoming, each exactly once.
 */
export function batchStage(env: LedgerlineEnv, logger: Logger, options: BatchStageOptions): ExtraStage {
  const files = new LocalFileStore();
  const now = options.now ?? (() => new Date());
  const folders = {
    incoming: resolve(env.DATA_DIR, 'incoming'),
    processed: resolve(env.DATA_DIR, 'processed'),
    quarantine: resolve(env.DATA_DIR, 'quarantine'),
  };
  let ingested = 0;
  let quarantined = 0;
  // Both flows scan data/incoming and may run at once (one run at a time is per flow): one scan at
  // a time, so a file is never picked up by two scans.
  const scanning = new QuiesceGate();

  const ingest = (signal: AbortSignal): Promise<number> => scanning.run(() => scan(signal));
  const scan = async (signal: AbortSignal): Promise<number> => {
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

  const statements: FlowDefinition = {
    name: 'batch-statements',
    description: "daily: generate the month's CSV and PDF statements into data/incoming and ingest them (backfill: the month of each day)",
    schedule: '0 1 * * *',
    missed: 'once',
    backfillable: true,
    retry: { limit: 2, delaySeconds: 30, backoff: true },
    timeoutSeconds: 1800,
    run: async (context) => {
      const month = statementMonth(context, options.startMonth, now());
      if (!month) {
        logger.info('no completed month of the stream yet: no statements to write', { firstMonth: options.startMonth });
        return { rows: await ingest(context.signal) };
      }
      if (options.untilStreamLanded) {
        const started = Date.now();
        logger.info("waiting for the stream to land the month before writing its statements", { month });
        await options.untilStreamLanded(monthEnd(month), context.signal);
        logger.info('the stream has landed the month', { month, waitedMs: Date.now() - started });
      }
      const report = await generateStatements(
        {
          seed: env.GENERATOR_SEED,
          customers: options.customers,
          growth: options.growth,
          startMonth: options.startMonth,
          month,
          months: 1,
          formats: ['csv', 'pdf'],
          outDir: folders.incoming,
          baseCurrency: env.BASE_CURRENCY,
          ...(options.market ? { market: options.market } : {}),
        },
        { files, pdf: new PdfkitStatementRenderer() },
      );
      logger.info('statements generated', { month, files: report.files.length });
      return { rows: await ingest(context.signal) };
    },
  };
  const incoming: FlowDefinition = {
    name: 'batch-ingest',
    description: 'every 10 s: ingest the statement files in data/incoming, each exactly once (a bad file is quarantined)',
    everySeconds: 10,
    missed: 'skip',
    retry: { limit: 1, delaySeconds: 5, backoff: false },
    timeoutSeconds: 1800,
    run: async (context) => ({ rows: await ingest(context.signal) }),
  };

  return {
    name: 'batch',
    flows: [statements, incoming],
    status: () => ({ filesIngested: ingested, filesQuarantined: quarantined }),
  };
}
