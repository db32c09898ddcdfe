import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INDICATOR_COLUMNS, type BarInterval, type MarketReads, type PriceBar } from '@ledgerline/market-data';
import { sampleBar } from '@ledgerline/market-data/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../connection/shared-instances.ts';
import { DuckDbMarketRawStore } from './duckdb-market-raw-store.ts';
import { DuckDbMarketReads, trimDecimal } from './duckdb-market-reads.ts';
import { SERIES_SUMMARY_TABLE } from './market-series-summary.ts';

// The series summary the RAW store keeps on write, and the reads that use it (the asset list
// from the summary, candle and comparison reads bounded by each series' newest bar), against the
// reads that do not (useSeriesSummary: false: the GROUP BY over every RAW table and unbounded
// series reads, the code before the summary): the same answers after every kind of write.

const dir = mkdtempSync(join(tmpdir(), 'market-summary-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const newPath = () => join(dir, `w${counter++}.duckdb`);

const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');
const STEP: Record<'1d' | '1m', number> = { '1d': DAY, '1m': 60_000 };

function bar(source: string, symbol: string, interval: '1d' | '1m', index: number, nudge = 0): PriceBar {
  const open = START + index * STEP[interval];
  const price = (100 + symbol.length * 31 + index * 0.25 + nudge).toFixed(8);
  return sampleBar({
    source,
    symbol,
    interval,
    openTime: new Date(open).toISOString(),
    closeTime: new Date(open + STEP[interval]).toISOString(),
    open: price,
    high: price,
    low: price,
    close: (Number(price) + (index % 3) - 1 + nudge).toFixed(8),
  });
}
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const origin = (source: string, loadedAt = '2026-01-01T00:00:00.000Z') => ({ source, recordSource: `test:${source}`, loadedAt });

async function withReads<T>(path: string, useSeriesSummary: boolean, work: (reads: MarketReads) => Promise<T>): Promise<T> {
  const reads = new DuckDbMarketReads({ path, useSeriesSummary });
  try {
    return await work(reads);
  } finally {
    await reads.close();
  }
}
const assetsBoth = async (path: string) => ({ summary: await withReads(path, true, (r) => r.assets()), scan: await withReads(path, false, (r) => r.assets()) });

describe('market series summary kept on write', () => {
  it('equals a count over RAW after inserts, older bars, a redelivery, updates of the last and a middle bar, repeated keys and new series', async () => {
    const path = newPath();
    const store = new DuckDbMarketRawStore({ path, clustering: false });
    const steps: Array<[string, () => Promise<unknown>]> = [
      ['first bars', () => store.upsertBars(range(10, 20).flatMap((i) => [bar('binance', 'BTC', '1d', i), bar('binance', 'ETH', '1d', i)]), origin('binance'))],
      ['older bars later', () => store.upsertBars(range(0, 10).map((i) => bar('binance', 'BTC', '1d', i)), origin('binance'))],
      ['a redelivery', () => store.upsertBars([bar('binance', 'BTC', '1d', 19)], origin('binance', '2026-01-02T00:00:00.000Z'))],
      ['the last bar corrected', () => store.upsertBars([bar('binance', 'BTC', '1d', 19, 3)], origin('binance', '2026-01-03T00:00:00.000Z'))],
      ['a middle bar corrected', () => store.upsertBars([bar('binance', 'ETH', '1d', 12, 5)], origin('binance'))],
      ['one key twice in a batch, newest bar', () => store.upsertBars([bar('binance', 'ETH', '1d', 20, 1), bar('binance', 'ETH', '1d', 20, 2)], origin('binance'))],
      ['new series: minutes, another source, a stock', () =>
        store.upsertBars([...range(0, 30).map((i) => bar('binance', 'BTC', '1m', i)), ...range(0, 5).map((i) => bar('coingecko', 'BTC', '1d', i)), ...range(0, 4).map((i) => bar('yahoo', 'AAPL', '1d', i))], origin('binance'))],
    ];
    for (const [label, write] of steps) {
      await write();
      await store.close();
      const { summary, scan } = await assetsBoth(path);
      expect(summary, label).toEqual(scan);
    }
    const { summary } = await assetsBoth(path);
    const btc = summary.find((a) => a.symbol === 'BTC')?.series.find((s) => s.source === 'binance' && s.interval === '1d');
    expect(btc).toMatchObject({ bars: 20, first_open_time: '2025-01-01T00:00:00.000Z', last_open_time: '2025-01-20T00:00:00.000Z', last_close: trimDecimal(bar('binance', 'BTC', '1d', 19, 3).close) });
    expect(summary.find((a) => a.symbol === 'ETH')?.series[0]).toMatchObject({ bars: 11, last_close: trimDecimal(bar('binance', 'ETH', '1d', 20, 2).close) });
    expect(summary.find((a) => a.symbol === 'AAPL')?.asset_class).toBe('stock');
    // The summary path does read the summary: a row changed behind the store shows there only.
    await withDuckDb(path, (db) => db.run(`UPDATE raw.${SERIES_SUMMARY_TABLE} SET bars = 999 WHERE symbol = 'ETH'`));
    const after = await assetsBoth(path);
    expect(after.summary.find((a) => a.symbol === 'ETH')?.series[0]?.bars).toBe(999);
    expect(after.scan.find((a) => a.symbol === 'ETH')?.series[0]?.bars).toBe(11);
  }, 120_000);

  it('is counted from RAW once when a file from before it is opened by the store', async () => {
    const path = newPath();
    const store = new DuckDbMarketRawStore({ path, clustering: false });
    await store.upsertBars(range(0, 12).flatMap((i) => [bar('binance', 'SOL', '1d', i), bar('binance', 'SOL', '1m', i)]), origin('binance'));
    await store.close();
    await withDuckDb(path, (db) => db.run(`DROP TABLE raw.${SERIES_SUMMARY_TABLE}`));
    expect((await assetsBoth(path)).scan[0]?.series).toHaveLength(2); // no summary: the scan answers both ways
    await store.upsertBars([bar('binance', 'SOL', '1d', 12)], origin('binance'));
    await store.close();
    const { summary, scan } = await assetsBoth(path);
    expect(summary).toEqual(scan);
    expect(summary[0]?.series.find((s) => s.interval === '1d')?.bars).toBe(13);
  });
});

/** Marts of dbt's shape (values made up; the reads only join them). */
async function writeMarts(db: DuckDBConnection): Promise<void> {
  const all = ['binance', 'coingecko'].map((s) => `SELECT * FROM raw.market_crypto_prices_${s}`).join(' UNION ALL ');
  await db.run('CREATE SCHEMA IF NOT EXISTS marts');
  const indicators = INDICATOR_COLUMNS.map((c, i) => `CASE WHEN row_number() OVER w > ${i % 5} THEN close::DOUBLE * ${1 + i / 100} END AS ${c}`).join(', ');
  await db.run(`CREATE TABLE marts.mart_asset_indicators AS
    SELECT source, symbol, bar_interval, open_time, row_number() OVER w AS bar_number, close::DOUBLE AS close_price, ${indicators}
      FROM (${all}) WINDOW w AS (PARTITION BY source, symbol, bar_interval ORDER BY open_time)`);
  await db.run(`CREATE TABLE marts.fct_asset_price_comparison AS
    WITH p AS (SELECT symbol, bar_interval, open_time, source, close AS close_price FROM (${all})),
         b AS (SELECT symbol, bar_interval, open_time, count(*) AS source_count, avg(close_price)::DOUBLE AS mean_close, min(close_price) AS min_close, max(close_price) AS max_close FROM p GROUP BY ALL)
    SELECT p.*, b.source_count, b.mean_close, b.min_close, b.max_close,
           round((p.close_price::DOUBLE - b.mean_close) / b.mean_close * 10000, 4) AS deviation_bps,
           round((b.max_close - b.min_close)::DOUBLE / b.mean_close * 10000, 4) AS spread_bps
      FROM p JOIN b USING (symbol, bar_interval, open_time)`);
}

describe('candle and comparison reads bounded by the summary', () => {
  it('answer exactly as the unbounded reads: full series, gaps wider than the bound, weekends, ranges, limits past the series, unknown series', async () => {
    const path = newPath();
    const store = new DuckDbMarketRawStore({ path, clustering: false });
    const weekdays = range(0, 700).filter((i) => ![3, 4].includes(i % 7)); // 2025-01-01 is a Wednesday: 3, 4 = Sat, Sun
    await store.upsertBars(range(0, 700).flatMap((i) => [bar('binance', 'BTC', '1d', i), bar('coingecko', 'BTC', '1d', i)]), origin('binance'));
    // ETH: a 250-day gap inside the newest 450 days (the bound of 300 bars): the bounded read comes short.
    await store.upsertBars(range(0, 700).filter((i) => i < 300 || i >= 550).map((i) => bar('binance', 'ETH', '1d', i)), origin('binance'));
    await store.upsertBars(range(0, 2000).flatMap((i) => [bar('binance', 'BTC', '1m', i), bar('coingecko', 'BTC', '1m', i)]), origin('binance'));
    await store.upsertBars(weekdays.map((i) => bar('yahoo', 'AAPL', '1d', i)), origin('yahoo'));
    await store.close();
    await withDuckDb(path, writeMarts);

    const at = (ms: number) => new Date(ms).toISOString();
    const everyRead = async (reads: MarketReads): Promise<unknown[]> => {
      const answers: unknown[] = [];
      const cases: Array<[string, string, BarInterval]> = [['BTC', 'binance', '1d'], ['BTC', 'coingecko', '1m'], ['BTC', 'binance', '1m'], ['ETH', 'binance', '1d'], ['AAPL', 'yahoo', '1d'], ['DOGE', 'binance', '1d']];
      for (const [symbol, source, interval] of cases) {
        const step = STEP[interval as '1d' | '1m'];
        for (const query of [
          {},
          { limit: 7 },
          { limit: 2000 },
          { limit: 450 },
          { to: at(START + 600 * step) },
          { from: at(START + 100 * step), to: at(START + 640 * step), limit: 50 },
          { from: at(START + 690 * step) },
          { to: at(START - step) },
        ]) {
          answers.push(await reads.candles({ symbol, source, interval, ...query }));
          if (source !== 'yahoo') answers.push(await reads.comparison({ symbol, interval, ...query }));
        }
      }
      return answers;
    };
    const bounded = await withReads(path, true, everyRead);
    const unbounded = await withReads(path, false, everyRead);
    expect(bounded).toEqual(unbounded);
    // The cases hold what they claim: ETH's newest 300 reach back across the gap, AAPL skips weekends.
    const eth = (bounded[48] as { bars: Array<{ open_time: string }> }).bars;
    expect(eth).toHaveLength(300);
    expect(eth[0]?.open_time).toBe(at(START + 150 * DAY));
    const full = bounded.filter((a): a is { bars: unknown[] } => typeof a === 'object' && a !== null && 'bars' in a);
    expect(full.some((a) => a.bars.length === 300)).toBe(true);
  }, 180_000);
});
