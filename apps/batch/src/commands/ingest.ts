import { dirname, join } from 'node:path';
import {
  FILE_STORE,
  PDF_TEXT_EXTRACTOR,
  STATEMENT_FORMAT_READERS,
  TEXT_CODEC,
  TRANSACTION_STORE,
  describeOutcome,
  groupDigits,
  scanIncoming,
  watchIncoming,
  type BatchIngestDeps,
  type BatchIngestOptions,
  type FileIngestOutcome,
} from '@ledgerline/ingestion';
import { onStopSignal } from '@ledgerline/logging';
import { createThrottledLine } from '../cli/throttled-line.ts';
import { INGEST_USAGE, parseIngestArgs } from '../ingest/ingest-args.ts';
import { formatTotals, totalsOf } from '../ingest/ingest-totals.ts';
import { limitHeapGrowth } from '../ingest/limit-heap-growth.ts';
import { loadMappingProfile } from '../ingest/load-profile.ts';
import type { Command } from './command.ts';

const PROGRESS_INTERVAL_MS = 1_000;

/** `batch ingest`: load statement files from the incoming folder exactly once (one scan, or --watch). */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'load CSV/PDF/OFX/QIF/CAMT.053/MT940 statements from data/incoming exactly once (--watch to keep watching)',
  usage: INGEST_USAGE,
  async run(argv, { env, logger, container, stdout, stderr }) {
    const args = parseIngestArgs(argv);
    // Peak memory of a large file: see limit-heap-growth.ts.
    limitHeapGrowth();
    const incoming = args.dir ?? `${env.DATA_DIR}/incoming`;
    const options: BatchIngestOptions = {
      folders: {
        incoming,
        processed: args.processed ?? join(dirname(incoming), 'processed'),
        quarantine: args.quarantine ?? join(dirname(incoming), 'quarantine'),
      },
      // The account's currency: the stored account's, else --currency; never BASE_CURRENCY by default.
      ...(args.currency ? { defaultCurrency: args.currency } : {}),
      baseCurrency: env.BASE_CURRENCY,
      chunkSize: args['chunk-size'],
      ...(args.profile ? { profile: await loadMappingProfile(args.profile) } : {}),
      ...(args.account ? { account: args.account } : {}),
      ...(args.encoding ? { encoding: args.encoding } : {}),
    };

    const root = await container();
    const store = root.resolve(TRANSACTION_STORE);
    await store.migrate();
    const progress = createThrottledLine(stderr, PROGRESS_INTERVAL_MS);
    const deps: BatchIngestDeps = {
      files: root.resolve(FILE_STORE),
      store,
      pdf: root.resolve(PDF_TEXT_EXTRACTOR),
      readers: root.resolve(STATEMENT_FORMAT_READERS),
      codec: root.resolve(TEXT_CODEC),
      logger: logger.child('ingest'),
      // Rows so far and rows/s of the file in hand, for long files (the transaction is still open).
      onProgress: ({ file, rows, elapsedMs }) =>
        progress.write(`ingesting ${file}: ${groupDigits(rows)} rows so far, ${groupDigits(Math.round(rows / Math.max(elapsedMs / 1000, 0.001)))} rows/s`),
    };
    const report = (outcome: FileIngestOutcome) => stdout.write(`${args.json ? JSON.stringify(outcome) : describeOutcome(outcome)}\n`);

    if (args.watch) {
      const watcher = watchIncoming(deps, options, { stableMs: args['stable-ms'], incompleteMs: args['incomplete-ms'], rescanMs: args['rescan-ms'], onOutcome: report });
      // The first signal lets the file in hand commit (or roll back); a second one exits at once.
      const releaseSignals = onStopSignal(logger, () => void watcher.stop());
      try {
        await watcher.done;
      } finally {
        releaseSignals();
      }
      return 0;
    }

    const started = Date.now();
    const outcomes = await scanIncoming(deps, options, { onOutcome: report });
    const totals = totalsOf(outcomes);
    const seconds = (Date.now() - started) / 1000;
    // Peak memory goes with the totals: streaming ingestion must not grow with the file.
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    stdout.write(`${args.json ? JSON.stringify({ totals, seconds, peak_rss_mb: peakRssMb }) : `${formatTotals(totals, seconds)}; peak RSS ${peakRssMb} MB`}\n`);
    return totals.quarantined > 0 || totals.failed > 0 ? 1 : 0;
  },
};
