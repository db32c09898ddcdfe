import { generatorTradeMarket } from '@ledgerline/composition';
import { TRANSACTION_STORE } from '@ledgerline/ingestion';
import { generateDataset } from '@ledgerline/transactions/generator';
import { createProgressBar } from '../cli/progress-bar.ts';
import { loadDataset } from '../seed/load-dataset.ts';
import { SEED_USAGE, defaultStartMonth, parseSeedArgs } from '../seed/seed-args.ts';
import { formatSummary, summarise } from '../seed/seed-summary.ts';
import type { Command } from './command.ts';

/** `batch seed`: generate a deterministic synthetic dataset and upsert it into the operational store. */
export const seedCommand: Command = {
  name: 'seed',
  summary: 'generate synthetic customers, accounts and transactions into the operational store',
  usage: SEED_USAGE,
  async run(argv, { env, logger, container, stdout, stderr }) {
    const args = parseSeedArgs(argv);
    const seed = args.seed ?? env.GENERATOR_SEED;
    const startMonth = args['start-month'] ?? defaultStartMonth(args.months);
    const log = logger.child('seed');

    const store = (await container()).resolve(TRANSACTION_STORE);
    await store.migrate();

    const generating = Date.now();
    // Customers buy and sell assets at the market's prices (docs/trades.md), as the main job's stream does.
    const market = generatorTradeMarket(env);
    const dataset = generateDataset({ seed, customers: args.customers, months: args.months, startMonth, baseCurrency: env.BASE_CURRENCY, market });
    log.info('generated dataset', {
      seed,
      start_month: startMonth,
      customers: dataset.customers.length,
      accounts: dataset.accounts.length,
      transactions: dataset.transactions.length,
      trades: dataset.transactions.filter((tx) => tx.txn_type === 'TRADE').length,
      market: market.id,
      ms: Date.now() - generating,
    });

    const total = dataset.customers.length + dataset.companies.length + dataset.customerCompanies.length + dataset.accounts.length + dataset.transactions.length;
    const progress = createProgressBar({ label: 'seeding', total, stream: stderr });
    const loading = Date.now();
    const result = await loadDataset(store, dataset, {
      chunkSize: args['chunk-size'],
      ingestedAt: new Date(),
      onProgress: (rows) => progress.advance(rows),
    });
    progress.finish();

    const summary = summarise({ seed, startMonth, months: args.months }, result, (Date.now() - loading) / 1000);
    stdout.write(`${args.json ? JSON.stringify(summary) : formatSummary(summary)}\n`);
    return 0;
  },
};
