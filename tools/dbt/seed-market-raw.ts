/**
 * Fills the market RAW tables of a DuckDB warehouse file from the seeded synthetic sources, as
 * `market:serve -- backfill` would. Used by tools/dbt/build.sh (CI) and the vault/indicator tests.
 *
 *   npx tsx tools/dbt/seed-market-raw.ts --db /tmp/x/warehouse.duckdb [--seed ledgerline]
 *        [--symbols BTC,ETH,USDT,SOL,AAPL,MSFT] [--from 2024-01-01] [--to 2025-01-01] [--intraday-days 2]
 *
 * Daily bars for [from, to), hourly bars for the last `intraday-days` days, news for the range.
 * Prints one JSON line with the counts.
 */
import { parseArgs } from 'node:util';
import { DuckDbMarketRawStore } from '@ledgerline/duckdb';
import { backfillMarketData, createSyntheticSources, type NewsIndexer } from '@ledgerline/market-data';
import { z } from 'zod';

const argsSchema = z.object({
  db: z.string().min(1),
  seed: z.string().default('ledgerline'),
  symbols: z.string().default('BTC,ETH,USDT,SOL,AAPL,MSFT'),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2024-01-01'),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2025-01-01'),
  intradayDays: z.coerce.number().int().min(0).default(2),
});

/** `newsIndexer`: where the landed news are indexed too (the agent evaluation's vector index). */
export async function seedMarketRaw(args: z.input<typeof argsSchema>, newsIndexer?: NewsIndexer): Promise<Record<string, number>> {
  const options = argsSchema.parse(args);
  const store = new DuckDbMarketRawStore({ path: options.db });
  const sources = createSyntheticSources(options.seed).map((source) => ({ source, recordSource: `synthetic:${source.id}` }));
  const symbols = options.symbols.split(',');
  const to = `${options.to}T00:00:00.000Z`;
  const now = () => new Date(to);
  const counts: Record<string, number> = {};
  try {
    const daily = await backfillMarketData({ sources, store, now, newsIndexer }, { from: `${options.from}T00:00:00.000Z`, to, intervals: ['1d'], symbols, news: true });
    if (options.intradayDays > 0) {
      const intradayFrom = new Date(Date.parse(to) - options.intradayDays * 86_400_000).toISOString();
      await backfillMarketData({ sources, store, now }, { from: intradayFrom, to, intervals: ['1h'], symbols, news: false });
    }
    for (const outcome of daily) {
      if (outcome.outcome !== 'ok') throw new Error(`${outcome.source}: ${outcome.outcome} ${outcome.error ?? ''}`);
      counts[outcome.source] = outcome.bars.inserted + outcome.news.inserted;
    }
  } finally {
    await store.close();
  }
  return counts;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, seed: { type: 'string' }, symbols: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'intraday-days': { type: 'string' } } });
  seedMarketRaw({ ...values, intradayDays: values['intraday-days'] } as z.input<typeof argsSchema>)
    .then((counts) => console.log(JSON.stringify({ db: values.db, ...counts })))
    .catch((error: unknown) => {
      console.error(`seed-market-raw: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
