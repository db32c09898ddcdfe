import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from '@ledgerline/analytics';
import { createDashboardServer, unknownPipelineHealth } from '@ledgerline/dashboard-http';
import { DuckDbMarketRawStore, DuckDbMarketReads, withDuckDb } from '@ledgerline/duckdb';
import { SEED_ASSETS } from '@ledgerline/market-data';
import { sampleArticle, sampleBar } from '@ledgerline/market-data/testing';
import { defineBenchmark } from '../benchmark.ts';
import { latencySummary, percentile } from '../stats.ts';

const ASSETS = Number(process.env.BENCH_MARKET_ASSETS ?? 50);
const YEARS = Number(process.env.BENCH_MARKET_YEARS ?? 5);
const MINUTE_DAYS = Number(process.env.BENCH_MARKET_MINUTE_DAYS ?? 30);
const ROUNDS = Number(process.env.BENCH_MARKET_ROUNDS ?? 40);
const SOURCES = ['binance', 'coingecko', 'yahoo'];
const END = '2026-12-01';

/**
 * RAW at the issue's size, written by SQL (the synthetic generator would take an hour at 6.5M
 * minutes): per asset and source a random walk of daily bars over YEARS and of 1-minute bars
 * over MINUTE_DAYS, news 4 a day. The marts the page reads are tables of dbt's shape: the
 * comparison by its own formula, the indicators' SMA/Bollinger by window SQL, EMA/MACD/RSI
 * columns as copies (their values do not change the read path's cost). The marts are written in
 * the order dbt writes them on DuckDB (macros/market/series_order.sql).
 */
export async function writeMarketFile(path: string, log: (m: string) => void): Promise<number> {
  const store = new DuckDbMarketRawStore({ path });
  const origin = { recordSource: 'bench', loadedAt: '2026-12-01T00:00:00.000Z' };
  for (const source of SOURCES) await store.upsertBars([sampleBar({ source, symbol: 'BTC' })], { ...origin, source });
  await store.upsertNews([sampleArticle()], { ...origin, source: 'news' });
  await store.close();
  const symbols = SEED_ASSETS.filter((a) => a.assetClass === 'crypto').slice(0, ASSETS).map((a) => `('${a.symbol}', ${Math.max(Number(a.marketCapUsd) / 1e9, 1)})`).join(', ');
  return withDuckDb(path, async (db) => {
    const bars = (interval: string, step: string, from: string) => `
      WITH assets(symbol, base) AS (VALUES ${symbols}),
           times AS (SELECT unnest(generate_series(TIMESTAMP '${from}', TIMESTAMP '${END}' - INTERVAL ${step}, INTERVAL ${step})) AS t),
           walk AS (SELECT symbol, t, base * exp(sum((random() - 0.5) * 0.02) OVER (PARTITION BY symbol ORDER BY t)) AS p FROM assets, times)
      SELECT src AS source, symbol, '${interval}' AS bar_interval, t AS open_time, t + INTERVAL ${step} AS close_time, 'USD' AS quote_currency,
             round(p, 8), round(p * 1.01, 8), round(p * 0.99, 8), round(p * (1 + (random() - 0.5) * 0.001), 8), round(random() * 1000, 8), NULL,
             'bench', TIMESTAMP '2026-12-01' AS loaded_at
        FROM walk, (VALUES ${SOURCES.map((s) => `('${s}')`).join(', ')}) AS s(src)`;
    // The sample rows only made the tables: the generated series replace them.
    for (const source of SOURCES) await db.run(`DELETE FROM raw.market_crypto_prices_${source}`);
    await db.run('DELETE FROM raw.market_news_mentions');
    await db.run('DELETE FROM raw.market_news');
    for (const [interval, step, from] of [
      ['1d', "'1 day'", new Date(Date.parse(END) - YEARS * 365.25 * 86_400_000).toISOString().slice(0, 10)],
      ['1m', "'1 minute'", new Date(Date.parse(END) - MINUTE_DAYS * 86_400_000).toISOString().slice(0, 10)],
    ] as const) {
      log(`writing ${interval} bars`);
      for (const source of SOURCES) await db.run(`INSERT INTO raw.market_crypto_prices_${source} SELECT * FROM (${bars(interval, step, from)}) WHERE source = '${source}'`);
    }
    await db.run(`INSERT INTO raw.market_news SELECT 'news', 'bench-' || i, TIMESTAMP '${END}' - INTERVAL (i * 6) HOUR, 'headline ' || i, 'summary', NULL, 'bench', TIMESTAMP '2026-12-01' FROM range(1, ${Math.round(YEARS * 365 * 4)}) AS r(i)`);
    await db.run(`INSERT INTO raw.market_news_mentions SELECT 'news', 'bench-' || i, (SELECT symbol FROM (VALUES ${symbols}) AS a(symbol, base) ORDER BY hash(symbol || i) LIMIT 1), 'bench', TIMESTAMP '2026-12-01' FROM range(1, ${Math.round(YEARS * 365 * 4)}) AS r(i)`);
    log('writing the marts');
    const all = SOURCES.map((s) => `SELECT * FROM raw.market_crypto_prices_${s}`).join(' UNION ALL ');
    await db.run('CREATE SCHEMA IF NOT EXISTS marts');
    await db.run(`CREATE TABLE marts.mart_asset_indicators AS
      SELECT source, symbol, bar_interval, open_time, row_number() OVER w AS bar_number, close::DOUBLE AS close_price,
             avg(close::DOUBLE) OVER (w ROWS 19 PRECEDING) AS sma_20, avg(close::DOUBLE) OVER (w ROWS 49 PRECEDING) AS sma_50, avg(close::DOUBLE) OVER (w ROWS 199 PRECEDING) AS sma_200,
             close::DOUBLE AS ema_12, close::DOUBLE AS ema_26, 0::DOUBLE AS macd, 0::DOUBLE AS macd_signal, 0::DOUBLE AS macd_histogram, 50::DOUBLE AS rsi_14,
             avg(close::DOUBLE) OVER (w ROWS 19 PRECEDING) + 2 * stddev_pop(close::DOUBLE) OVER (w ROWS 19 PRECEDING) AS bollinger_upper,
             avg(close::DOUBLE) OVER (w ROWS 19 PRECEDING) AS bollinger_middle,
             avg(close::DOUBLE) OVER (w ROWS 19 PRECEDING) - 2 * stddev_pop(close::DOUBLE) OVER (w ROWS 19 PRECEDING) AS bollinger_lower
        FROM (${all}) WINDOW w AS (PARTITION BY source, symbol, bar_interval ORDER BY open_time)
       ORDER BY symbol, bar_interval, source, open_time DESC`);
    await db.run(`CREATE TABLE marts.fct_asset_price_comparison AS
      WITH p AS (SELECT symbol, bar_interval, open_time, source, close AS close_price FROM (${all})),
           b AS (SELECT symbol, bar_interval, open_time, count(*) AS source_count, avg(close_price)::DOUBLE AS mean_close, min(close_price) AS min_close, max(close_price) AS max_close FROM p GROUP BY ALL)
      SELECT p.*, b.source_count, b.mean_close, b.min_close, b.max_close,
             round((p.close_price::DOUBLE - b.mean_close) / b.mean_close * 10000, 4) AS deviation_bps,
             round((b.max_close - b.min_close)::DOUBLE / b.mean_close * 10000, 4) AS spread_bps
        FROM p JOIN b USING (symbol, bar_interval, open_time)
       ORDER BY symbol, bar_interval, open_time DESC, source`);
    const reader = await db.runAndReadAll(`SELECT count(*) AS n FROM (${all})`);
    return Number(reader.getRowObjectsJS()[0]?.n);
  });
}

export default defineBenchmark({
  name: 'market-api',
  description: 'market page API latency (assets, candles 1d and 1m with indicators, comparison, news) at 50 assets x 5 years daily + 30 days of minutes x 3 sources',
  async run({ log }) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-market-'));
    const path = join(dir, 'warehouse.duckdb');
    try {
      const bars = await writeMarketFile(path, log);
      log(`${bars} bars in RAW; clustering the RAW price tables`);
      // RAW was written past the store's insert counters (by SQL), so its rewrite is asked for
      // here; in the pipeline the store does it itself once enough rows arrived.
      const clusterStarted = performance.now();
      const rawStore = new DuckDbMarketRawStore({ path });
      await rawStore.clusterPriceTables();
      const clusterSeconds = (performance.now() - clusterStarted) / 1000;
      // Likewise the series summary the store keeps on write (market-series-summary.ts).
      const summaryStarted = performance.now();
      await rawStore.rebuildSeriesSummary();
      const summarySeconds = (performance.now() - summaryStarted) / 1000;
      await rawStore.close();
      // Two servers on the same file, measured in turns: the reads with the series summary and,
      // as the reference, without it (the asset list by a scan of RAW, unbounded series reads:
      // the code before the summary), so both see the same load.
      const servers = await Promise.all(
        [true, false].map(async (useSeriesSummary) => {
          const reads = new DuckDbMarketReads({ path, useSeriesSummary });
          // Market routes never touch the analytics store.
          const dashboard = createDashboardServer({ store: {} as AnalyticsStore, market: reads, health: unknownPipelineHealth('benchmark') });
          return { reads, dashboard, base: await dashboard.listen(0) };
        }),
      );
      try {
        const time = async (base: string, url: string, status = 200) => {
          const started = performance.now();
          const response = await fetch(`${base}${url}`);
          await response.arrayBuffer();
          if (response.status !== status) throw new Error(`${url}: HTTP ${response.status}`);
          return performance.now() - started;
        };
        const symbols = SEED_ASSETS.filter((a) => a.assetClass === 'crypto').slice(0, ASSETS).map((a) => a.symbol);
        const page = (symbol: string) => [
          '/api/market/assets',
          `/api/market/candles?symbol=${symbol}&interval=1d`,
          `/api/market/candles?symbol=${symbol}&interval=1m`,
          `/api/market/comparison?symbol=${symbol}&interval=1d`,
          `/api/market/news?symbol=${symbol}&limit=200`,
        ];
        log('warming up');
        for (const { base } of servers) for (const url of page('BTC')) await time(base, url);
        const byEndpoint = new Map<string, number[]>();
        const all: number[] = [];
        const without: number[] = [];
        const reference: number[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          const urls = page(symbols[round % symbols.length] as string);
          for (const [index, { base }] of servers.entries()) {
            for (const url of urls) {
              const ms = await time(base, url);
              if (index === 1) {
                without.push(ms);
                continue;
              }
              all.push(ms);
              const key = url.replace(/symbol=[^&]+&?/, '').replace(/[?&]$/, '');
              byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), ms]);
            }
          }
          // Reference, same run and server: the HTTP round trip with no query (an unknown endpoint's 404).
          reference.push(await time(servers[0]!.base, '/api/market/none', 404));
        }
        return {
          metrics: [
            { name: 'p95', value: percentile(all, 95), unit: 'ms' },
            ...latencySummary(all),
            ...[...byEndpoint].map(([endpoint, samples]) => ({ name: `p95 ${endpoint}`, value: percentile(samples, 95), unit: 'ms' })),
            { name: 'p95 reference (HTTP 404, no query)', value: percentile(reference, 95), unit: 'ms' },
            { name: 'p95 without the series summary (same run, in turns)', value: percentile(without, 95), unit: 'ms' },
            { name: 'p50 without the series summary (same run, in turns)', value: percentile(without, 50), unit: 'ms' },
            { name: 'RAW clustering rewrite (3 tables, once)', value: clusterSeconds, unit: 's' },
            { name: 'series summary recount (3 tables, once)', value: summarySeconds, unit: 's' },
          ],
          notes: [
            `${bars} bars in RAW (${ASSETS} assets x 3 sources, ${YEARS} years daily + ${MINUTE_DAYS} days of 1-minute bars), news 4 a day; marts of dbt's shape written by SQL`,
            `${ROUNDS} rounds x ${byEndpoint.size} endpoints (another asset each round), sequential HTTP requests; /api/market/assets is cached 2 s (ASSETS_TTL_MS), so most rounds reuse it`,
            'BENCH_MARKET_ASSETS, BENCH_MARKET_YEARS, BENCH_MARKET_MINUTE_DAYS, BENCH_MARKET_ROUNDS; target p95 < 50 ms',
            'RAW price tables rewritten in series order (symbol, interval, newest first) by DuckDbMarketRawStore.clusterPriceTables before the reads; marts in dbt\'s series_order',
            'series summary (raw.market_series_summary) recounted once after the SQL load; the reads use it for the asset list and to bound each series read by its newest bar; the same reads without it (useSeriesSummary: false) measured in turns on a second server as the reference',
          ],
        };
      } finally {
        for (const { dashboard, reads } of servers) {
          await dashboard.close();
          await reads.close();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
