import { generatorTradeMarket } from '@ledgerline/composition';
import { CompositionRoot } from '@ledgerline/di';
import { FILE_STORE, STATEMENT_PDF_RENDERER, generateStatements } from '@ledgerline/ingestion';
import { bindStatementFiles } from '../container.ts';
import { createThrottledLine } from '../cli/throttled-line.ts';
import { GENERATE_USAGE, parseGenerateArgs, previousMonth } from '../generate/generate-args.ts';
import { formatGenerateSummary, summariseGeneration } from '../generate/generate-summary.ts';
import type { Command } from './command.ts';

/** `batch generate`: monthly CSV/PDF statements of the synthetic accounts into the incoming folder. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'write monthly CSV/PDF statements of the synthetic accounts into data/incoming',
  usage: GENERATE_USAGE,
  async run(argv, { env, logger, stdout, stderr }) {
    const args = parseGenerateArgs(argv);
    const seed = args.seed ?? env.GENERATOR_SEED;
    const month = args.month ?? previousMonth();
    const startMonth = args['start-month'] ?? month;
    const out = args.out ?? `${env.DATA_DIR}/incoming`;
    // No database: only the file ports.
    const root = bindStatementFiles(new CompositionRoot());
    const log = logger.child('generate');
    log.info('generating statements', { seed, customers: args.customers, start_month: startMonth, month, months: args.months, formats: args.formats.join(','), out });

    const started = Date.now();
    const progress = createThrottledLine(stderr, 1_000);
    const report = await generateStatements(
      // with the customers' investment trades, as `batch seed` and the stream generate them (docs/trades.md)
      { seed, customers: args.customers, startMonth, month, months: args.months, formats: args.formats, outDir: out, baseCurrency: env.BASE_CURRENCY, market: generatorTradeMarket(env) },
      {
        files: root.resolve(FILE_STORE),
        pdf: root.resolve(STATEMENT_PDF_RENDERER),
        onStatement: (_written, index, total) => {
          const perSecond = Math.round(index / Math.max((Date.now() - started) / 1000, 0.001));
          progress.write(`generated ${index.toLocaleString('en')}/${total.toLocaleString('en')} statements (${perSecond.toLocaleString('en')}/s)`, index === total);
        },
      },
    );
    const summary = summariseGeneration(report, { seed, startMonth, out }, (Date.now() - started) / 1000);
    stdout.write(`${args.json ? JSON.stringify(summary) : formatGenerateSummary(summary)}\n`);
    return 0;
  },
};
