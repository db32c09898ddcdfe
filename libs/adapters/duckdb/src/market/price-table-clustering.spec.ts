import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INDICATOR_COLUMNS, type MarketReads, type PriceBar } from '@ledgerline/market-data';
import { sampleArticle, sampleBar } from '@ledgerline/market-data/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../connection/shared-instances.ts';
import { DuckDbMarketRawStore } from './duckdb-market-raw-store.ts';
import { DuckDbMarketReads } from './duckdb-market-reads.ts';
import { clusterPriceTable, CLUSTERING_STATE_TABLE } from './price-table-clustering.ts';

const dir = mkdtempSync(join(tmpdir(), 'market-cluster-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const newPath = () => join(dir, `w${counter++}.duckdb`);

const SYMBOLS = ['BTC', 'ETH', 'SOL', 'XRP'];
const SOURCES = ['binance', 'coingecko'];
const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00.000Z');

function bar(source: string, symbol: string, interval: '1d' | '1m', index: number, nudge = 0): PriceBar {
  const step = interval === '1d' ? DAY : 60_000;
  const open = START + index * step;
  const price = (100 + SYMBOLS.indexOf(symbol) * 37 + index * 0.25 + nudge).toFixed(8);
  return sampleBar({
    source,
    symbol,
    interval,
    openTime: new Date(open).toISOString(),
    closeTime: new Date(open + step).toISOString(),
    open: price,
    high: price,
    low: price,
    close: (Number(price) + (index % 3) - 1).toFixed(8),
  });
}

/** Bars as they arrive: time-major, every symbol and interval interleaved, in batches of one time step. */
async function writeArrivalOrder(store: DuckDbMarketRawStore, days: number, minutes: number): Promise<void> {
  const STEPS_PER_BATCH = 8;
  for (let first = 0; first < Math.max(days, minutes); first += STEPS_PER_BATCH) {
    for (const source of SOURCES) {
      const batch: PriceBar[] = [];
      for (let i = first; i < first + STEPS_PER_BATCH; i += 1) {
        for (const symbol of SYMBOLS) batch.push(...(i < days ? [bar(source, symbol, '1d', i)] : []), ...(i < minutes ? [bar(source, symbol, '1m', i)] : []));
      }
      await store.upsertBars(batch, { source, recordSource: `test:${source}`, loadedAt: new Date(START + first * 1000).toISOString() });
    }
  }
}

/** Marts of dbt's shape (values made up; the reads only join them) so candles and comparison read both. */
async function writeMarts(db: DuckDBConnection): Promise<void> {
  const all = SOURCES.map((s) => `SELECT * FROM raw.market_crypto_prices_${s}`).join(' UNION ALL ');
  await db.run('CREATE SCHEMA IF NOT EXISTS marts');
  const indicators = INDICATOR_COLUMNS.map((c, i) => `CASE WHEN row_number() OVER w > ${i % 5} THEN close::DOUBLE * ${1 + i / 100} END AS ${c}`).join(', ');
  await db.run(`CREATE TABLE marts.mart_asset_indicators AS
    SELECT source, symbol, bar_interval, open_time, row_number() OVER w AS bar_number, close::DOUBLE AS close_price, ${indicators}
      FROM (${all}) WINDOW w AS (PARTITION BY source, symbol, bar_interval ORDER BY open_time) ORDER BY hash(source || symbol || open_time)`);
  await db.run(`CREATE TABLE marts.fct_asset_price_comparison AS
    WITH p AS (SELECT symbol, bar_interval, open_time, source, close AS close_price FROM (${all})),
         b AS (SELECT symbol, bar_interval, open_time, count(*) AS source_count, avg(close_price)::DOUBLE AS mean_close, min(close_price) AS min_close, max(close_price) AS max_close FROM p GROUP BY ALL)
    SELECT p.*, b.source_count, b.mean_close, b.min_close, b.max_close,
           round((p.close_price::DOUBLE - b.mean_close) / b.mean_close * 10000, 4) AS deviation_bps,
           round((b.max_close - b.min_close)::DOUBLE / b.mean_close * 10000, 4) AS spread_bps
      FROM p JOIN b USING (symbol, bar_interval, open_time) ORDER BY hash(p.source || p.symbol || p.open_time)`);
}

/** Every answer the market page can get from this data, by the port. */
async function everyRead(reads: MarketReads): Promise<unknown[]> {
  const answers: unknown[] = [await reads.assets(), await reads.news(), await reads.news({ limit: 3 })];
  for (const symbol of SYMBOLS) {
    answers.push(await reads.news({ symbol }));
    for (const interval of ['1d', '1m'] as const) {
      answers.push(await reads.comparison({ symbol, interval }), await reads.comparison({ symbol, interval, limit: 5, to: new Date(START + 20 * 60_000).toISOString() }));
      for (const source of SOURCES) {
        answers.push(
          await reads.candles({ symbol, source, interval }),
          await reads.candles({ symbol, source, interval, limit: 7 }),
          await reads.candles({ symbol, source, interval, from: new Date(START + 3 * 60_000).toISOString(), to: new Date(START + 9 * DAY).toISOString(), limit: 4 }),
        );
      }
    }
  }
  return answers;
}

/** Whether the table's rows, in physical (rowid) order, follow CLUSTER_ORDER. */
async function physicallyClustered(db: DuckDBConnection, table: string): Promise<boolean> {
  const [row] = (
    await db.runAndReadAll(`SELECT count(*) FILTER (WHERE NOT ordered) AS disorder FROM (
      SELECT row_number() OVER r = 1
             OR (symbol, bar_interval) > (lag(symbol) OVER r, lag(bar_interval) OVER r)
             OR ((symbol, bar_interval) = (lag(symbol) OVER r, lag(bar_interval) OVER r) AND open_time < lag(open_time) OVER r) AS ordered
        FROM raw.${table} WINDOW r AS (ORDER BY rowid))`)
  ).getRowObjectsJS();
  return Number(row?.disorder) === 0;
}

const contents = (db: DuckDBConnection, table: string) =>
  db.runAndReadAll(`SELECT * EXCLUDE (loaded_at), CAST(loaded_at AS VARCHAR) AS loaded_at FROM raw.${table} ORDER BY ALL`).then((r) => JSON.stringify(r.getRowObjectsJS(), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));

describe('RAW price tables clustered by series (market API fast path)', () => {
  it('answers every market read exactly as the same data in arrival order does, and stores each series contiguously', async () => {
    const plain = newPath();
    const store = new DuckDbMarketRawStore({ path: plain, clustering: false });
    await writeArrivalOrder(store, 30, 40);
    // a corrected bar (an update in place) and news
    await store.upsertBars([bar('binance', 'ETH', '1m', 12, 0.5)], { source: 'binance', recordSource: 'test:binance', loadedAt: '2026-02-01T00:00:00.000Z' });
    await store.upsertNews(
      SYMBOLS.map((symbol, i) => sampleArticle({ articleId: `a-${i}`, symbols: [symbol, 'BTC'], publishedAt: new Date(START + i * 3_600_000).toISOString() })),
      { source: 'news', recordSource: 'test:news', loadedAt: '2026-02-01T00:00:00.000Z' },
    );
    await store.close();
    await withDuckDb(plain, writeMarts);

    const clustered = newPath();
    copyFileSync(plain, clustered);
    if (existsSync(`${plain}.wal`)) copyFileSync(`${plain}.wal`, `${clustered}.wal`);
    const rewriting = new DuckDbMarketRawStore({ path: clustered });
    expect(await rewriting.clusterPriceTables()).toMatchObject({ market_crypto_prices_binance: 280, market_crypto_prices_coingecko: 280 });
    await rewriting.close();
    // the marts as dbt writes them on DuckDB (macros/market/series_order.sql)
    await withDuckDb(clustered, async (db) => {
      await db.run('CREATE OR REPLACE TABLE marts.mart_asset_indicators AS SELECT * FROM marts.mart_asset_indicators ORDER BY symbol, bar_interval, source, open_time DESC');
      await db.run('CREATE OR REPLACE TABLE marts.fct_asset_price_comparison AS SELECT * FROM marts.fct_asset_price_comparison ORDER BY symbol, bar_interval, open_time DESC, source');
    });

    for (const table of ['market_crypto_prices_binance', 'market_crypto_prices_coingecko']) {
      expect(await withDuckDb(plain, (db) => physicallyClustered(db, table))).toBe(false);
      expect(await withDuckDb(clustered, (db) => physicallyClustered(db, table))).toBe(true);
      expect(await withDuckDb(clustered, (db) => contents(db, table))).toEqual(await withDuckDb(plain, (db) => contents(db, table)));
    }
    const plainReads = new DuckDbMarketReads({ path: plain });
    const fastReads = new DuckDbMarketReads({ path: clustered });
    try {
      const expected = await everyRead(plainReads);
      expect(JSON.stringify(expected)).toContain('"sma_20"');
      expect(await everyRead(fastReads)).toEqual(expected);
    } finally {
      await plainReads.close();
      await fastReads.close();
    }
  });

  it('rewrites a table once the rows inserted since the last rewrite pass the policy, and leaves a small tail alone', async () => {
    const path = newPath();
    const store = new DuckDbMarketRawStore({ path, clustering: { minRows: 100, fraction: 0.5 } });
    const state = async () =>
      withDuckDb(path, async (db) =>
        (await db.runAndReadAll(`SELECT clustered_rows, inserted_since FROM raw.${CLUSTERING_STATE_TABLE} WHERE table_name = 'market_crypto_prices_binance'`)).getRowObjectsJS()[0],
      );
    const write = async (from: number, to: number) => {
      const bars = [];
      for (let i = from; i < to; i += 1) for (const symbol of SYMBOLS) bars.push(bar('binance', symbol, '1m', i));
      await store.upsertBars(bars, { source: 'binance', recordSource: 'test:binance', loadedAt: '2026-02-01T00:00:00.000Z' });
    };
    await write(0, 15); // 60 rows: under minRows
    expect(await state()).toEqual({ clustered_rows: 0n, inserted_since: 60n });
    await write(15, 30); // 120 rows inserted: rewritten
    expect(await state()).toEqual({ clustered_rows: 120n, inserted_since: 0n });
    expect(await withDuckDb(path, (db) => physicallyClustered(db, 'market_crypto_prices_binance'))).toBe(true);
    await write(0, 30); // a redelivery inserts nothing
    await write(30, 50); // 80 new rows: under max(100, 0.5 x 120)
    expect(await state()).toEqual({ clustered_rows: 120n, inserted_since: 80n });
    const [count] = await withDuckDb(path, async (db) => (await db.runAndReadAll('SELECT count(*) AS n FROM raw.market_crypto_prices_binance')).getRowObjectsJS());
    expect(count).toEqual({ n: 200n });
    await store.close();
  });

  it('leaves the table exactly as it was when the rewrite fails part-way', async () => {
    const path = newPath();
    const store = new DuckDbMarketRawStore({ path, clustering: false });
    await writeArrivalOrder(store, 10, 10);
    await store.close();
    const before = await withDuckDb(path, (db) => contents(db, 'market_crypto_prices_binance'));
    await withDuckDb(path, async (db) => {
      // The copy is written; dropping the original fails (as a crash at that point would).
      const failing = new Proxy(db, {
        get(target, key, receiver) {
          if (key !== 'run') return Reflect.get(target, key, receiver) as unknown;
          return (sql: string, ...rest: unknown[]) => {
            if (sql.startsWith('DROP TABLE "raw"."market_crypto_prices_binance"')) return Promise.reject(new Error('injected: rewrite interrupted'));
            return (target.run as (s: string, ...r: unknown[]) => Promise<unknown>).call(target, sql, ...rest);
          };
        },
      });
      await expect(clusterPriceTable(failing, 'raw', 'market_crypto_prices_binance')).rejects.toThrow('injected: rewrite interrupted');
    });
    await withDuckDb(path, async (db) => {
      expect(await contents(db, 'market_crypto_prices_binance')).toEqual(before);
      expect(await physicallyClustered(db, 'market_crypto_prices_binance')).toBe(false);
      const leftovers = (await db.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%clustering%' AND table_name <> '${CLUSTERING_STATE_TABLE}'`)).getRowObjectsJS();
      expect(leftovers).toEqual([]);
    });
  });
});
