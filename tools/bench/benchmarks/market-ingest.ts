import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbMarketRawStore, priceTableName, withDuckDb } from '@ledgerline/duckdb';
import { SEED_ASSETS, backfillMarketData, createSyntheticSources, type BarInterval, type MarketDataSource } from '@ledgerline/market-data';
import { defineBenchmark, type Metric } from '../benchmark.ts';

// Price ingest per source path (issue #18's benchmarks): each seeded synthetic source's backfill
// (generate, validate with zod, keyed upsert into its RAW table, series summary) into a fresh
// DuckDB file, then the same range again (a redelivery: every row compared, none written). Beside
// it, in the same run: the source alone (generation, no store) and DuckDB copying the very rows
// it stored into an empty table of the same shape (the engine's own insert speed, no JS).
//   BENCH_MARKET_INGEST_ASSETS (crypto assets, default 50), BENCH_MARKET_INGEST_DAYS (daily bars,
//   default 365), BENCH_MARKET_INGEST_MINUTE_HOURS (1-minute bars, default 6)
const ASSETS = Number(process.env.BENCH_MARKET_INGEST_ASSETS ?? 50);
const DAYS = Number(process.env.BENCH_MARKET_INGEST_DAYS ?? 365);
const MINUTE_HOURS = Number(process.env.BENCH_MARKET_INGEST_MINUTE_HOURS ?? 6);
const TO = '2026-12-01T00:00:00.000Z';
const HOUR_MS = 3_600_000;

const seconds = (started: number) => (performance.now() - started) / 1000;
const fromFor = (interval: BarInterval) => new Date(Date.parse(TO) - (interval === '1d' ? DAYS * 24 : MINUTE_HOURS) * HOUR_MS).toISOString();

/** The source alone: every bar of the request generated and decoded, nothing stored. */
async function generateOnly(source: MarketDataSource, symbols: string[], interval: BarInterval): Promise<number> {
  const batch = await source.fetchBars({ symbols, interval, from: fromFor(interval), to: TO });
  return batch.items.length;
}

export default defineBenchmark({
  name: 'market-ingest',
  description: 'price ingest rows/s per synthetic source path (backfill into DuckDB RAW, redelivery) beside the source alone and DuckDB copying the same rows',
  async run({ log }) {
    const symbols = SEED_ASSETS.filter((a) => a.assetClass === 'crypto').slice(0, ASSETS).map((a) => a.symbol);
    const sources = createSyntheticSources('bench-market-ingest').filter((s) => s.capabilities.intervals.length > 0 && s.capabilities.quotes(symbols[0] as string));
    const metrics: Metric[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'bench-market-ingest-'));
    try {
      for (const source of sources) {
        const path = join(dir, `${source.id}.duckdb`);
        const intervals = (['1d', '1m'] as const).filter((i) => source.capabilities.intervals.includes(i));
        for (const interval of intervals) {
          const generateStarted = performance.now();
          const generated = await generateOnly(source, symbols, interval);
          const generateSeconds = seconds(generateStarted);
          const store = new DuckDbMarketRawStore({ path });
          const deps = { sources: [{ source, recordSource: `synthetic:${source.id}` }], store, now: () => new Date(TO) };
          const request = { from: fromFor(interval), to: TO, intervals: [interval], symbols, news: false };
          try {
            log(`${source.id} ${interval}: ${generated} bars`);
            const started = performance.now();
            const [first] = await backfillMarketData(deps, request);
            const firstSeconds = seconds(started);
            const againStarted = performance.now();
            const [again] = await backfillMarketData(deps, request);
            const againSeconds = seconds(againStarted);
            if (first?.outcome !== 'ok' || again?.outcome !== 'ok') throw new Error(`${source.id} ${interval}: backfill ${first?.outcome}/${again?.outcome}: ${first?.error ?? again?.error}`);
            if (first.bars.inserted !== generated || again.bars.inserted + again.bars.updated !== 0) {
              throw new Error(`${source.id} ${interval}: inserted ${first.bars.inserted} of ${generated}, redelivery wrote ${again.bars.inserted + again.bars.updated}`);
            }
            const label = `${source.id} ${interval}`;
            metrics.push(
              { name: `${label}: backfill into RAW`, value: Math.round(generated / firstSeconds), unit: 'rows/s' },
              { name: `${label}: redelivery (all unchanged)`, value: Math.round(generated / againSeconds), unit: 'rows/s' },
              { name: `${label}: reference, the source alone (no store)`, value: Math.round(generated / generateSeconds), unit: 'rows/s' },
            );
          } finally {
            await store.close();
          }
        }
        // DuckDB's own insert of the rows the store wrote (every interval), into an empty copy.
        const table = `raw.${priceTableName(source.id, 'crypto')}`;
        const { rows, copySeconds } = await withDuckDb(path, async (db) => {
          await db.run(`CREATE TABLE bench_copy AS SELECT * FROM ${table} LIMIT 0`);
          const started = performance.now();
          await db.run(`INSERT INTO bench_copy SELECT * FROM ${table}`);
          const elapsed = seconds(started);
          const count = Number((await db.runAndReadAll('SELECT count(*) AS n FROM bench_copy')).getRowObjectsJS()[0]?.n);
          return { rows: count, copySeconds: elapsed };
        });
        metrics.push({ name: `${source.id}: reference, DuckDB INSERT ... SELECT of the same ${rows} rows`, value: Math.round(rows / copySeconds), unit: 'rows/s' });
      }
      return {
        metrics,
        notes: [
          `${symbols.length} crypto assets; daily bars over ${DAYS} days and 1-minute bars over ${MINUTE_HOURS} hours where the source serves them (coingecko has no 1m); seed "bench-market-ingest"`,
          'backfill = backfillMarketData with one source into a fresh DuckDB file per source: generation, zod validation, keyed upsert (source, symbol, interval, open_time) comparing values, series summary; redelivery = the same request again (0 rows written, checked)',
          'the source-alone reference is the same fetchBars without a store; the DuckDB reference copies the stored rows in SQL (no JS, no key comparison)',
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
