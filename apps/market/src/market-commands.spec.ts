import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig } from '@ledgerline/config';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { silentLogger } from '@ledgerline/logging';
import { fixture, ReplayServer } from '@ledgerline/market-sources/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runBackfill } from './commands/backfill-command.ts';
import { runSources } from './commands/sources-command.ts';
import { runStream } from './commands/stream-command.ts';
import { wireMarket, type MarketWiring } from './market-wiring.ts';

const dir = mkdtempSync(join(tmpdir(), 'market-app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
let wiring: MarketWiring | undefined;
let server: ReplayServer | undefined;
afterEach(async () => {
  await wiring?.close();
  await server?.stop();
  wiring = undefined;
  server = undefined;
});

function wire(env: Record<string, string> = {}) {
  const config = loadConfig({ env: { WAREHOUSE_DUCKDB_PATH: join(dir, `w${n}.duckdb`), DATA_DIR: join(dir, `data${n++}`), LOG_LEVEL: 'warn', ...env }, dotenvPath: false });
  wiring = wireMarket(config, { logger: silentLogger, sleep: async () => {} });
  return wiring;
}
function output() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => void chunks.push(text), text: () => chunks.join('') };
}
const now = () => new Date('2026-01-05T00:00:00.000Z');
const range = { from: '2025-12-01T00:00:00.000Z', to: '2025-12-08T00:00:00.000Z', intervals: ['1d' as const, '24h' as const], symbols: ['BTC', 'ETH', 'AAPL'], news: true };

describe('market app commands (synthetic sources, DuckDB RAW)', () => {
  it('backfill loads every source, and a rerun of the range adds and changes nothing', async () => {
    const market = wire();
    const first = output();
    expect(await runBackfill(market, range, { write: first.write, now })).toBe(0);
    expect(first.text()).toMatch(/binance\s+synthetic:binance\s+ok\s+14\/0\/0/);
    expect(first.text()).toMatch(/yahoo\s+synthetic:yahoo\s+ok\s+19\/0\/0/); // BTC, ETH 7 days + AAPL 5 weekdays
    const again = output();
    expect(await runBackfill(market, range, { write: again.write, now })).toBe(0);
    expect(again.text()).toMatch(/binance\s+synthetic:binance\s+ok\s+0\/0\/14/);
    expect(again.text()).toMatch(/news\s+synthetic:news\s+ok\s+0\/0\/0\s+0\/0\/\d+\s+0\s+0$/m);
    // The news landed in the agent's vector index too (DATA_DIR/vectors.duckdb), once: the rerun embedded none.
    const landed = Number(/news\s+synthetic:news\s+ok\s+0\/0\/0\s+(\d+)\/0\/0\s+0\s+(\d+)/.exec(first.text())?.[2] ?? -1);
    const articles = await probeDuckDb(market.store.path).rows<{ n: bigint }>(`SELECT count(*) AS n FROM raw.market_news`);
    expect(landed).toBe(Number(articles[0]?.n));
    const vectors = await probeDuckDb(join(dirname(market.store.path), `data${n - 1}`, 'vectors.duckdb')).rows<{ n: bigint }>(
      `SELECT count(*) AS n FROM collections.ledgerline_docs_local_hash_256 WHERE id LIKE 'news:%'`,
    );
    expect(Number(vectors[0]?.n)).toBe(landed);
  });

  it('stream without Kafka publishes completed minutes and lands them in RAW', async () => {
    const market = wire();
    let clock = Date.parse('2026-01-05T10:00:10.000Z');
    const out = output();
    const code = await runStream(market, { pollMs: 60_000, rounds: 2, symbols: ['BTC'] }, { logger: silentLogger, now: () => new Date(clock), sleep: async (ms) => void (clock += ms), signal: new AbortController().signal, write: out.write });
    expect(code).toBe(0);
    expect(out.text()).toContain('published 4 bars in 2 rounds to in-process bus');
    const landed = await probeDuckDb(market.store.path).rows(`SELECT (SELECT count(*) FROM raw.market_crypto_prices_binance) AS binance, (SELECT count(*) FROM raw.market_crypto_prices_yahoo) AS yahoo`);
    expect(landed[0]).toEqual({ binance: 2n, yahoo: 2n }); // minutes 09:59 and 10:00 of BTC
  });
});

describe('market app commands (live sources against a replay server)', () => {
  it('a failing source is reported and the others still load; sources shows last success and quarantine', async () => {
    server = await new ReplayServer()
      .route('/api/v3/ticker/24hr', { status: 503, body: 'maintenance' })
      .route('/api/v3/coins/markets', { status: 200, body: fixture('coingecko-markets-drift.json') }, { status: 200, body: '[]' })
      .route('/v8/finance/chart/AAPL', { status: 200, body: fixture('yahoo-chart-aapl-1d.json') })
      .route('/v8/finance/chart/BTC-USD', { status: 404, body: fixture('yahoo-chart-not-found.json') })
      .route('/v8/finance/chart/ETH-USD', { status: 200, body: fixture('yahoo-chart-drift.json') })
      .start();
    const market = wire({ MARKET_SOURCES: 'live', BINANCE_BASE_URL: server.baseUrl, COINGECKO_BASE_URL: server.baseUrl, YAHOO_BASE_URL: server.baseUrl });
    const out = output();
    const code = await runBackfill(market, { ...range, from: '2026-01-01T00:00:00.000Z', to: '2026-01-06T00:00:00.000Z', symbols: ['BTC', 'ETH', 'AAPL'] }, { write: out.write, now });
    expect(code).toBe(1);
    expect(out.text()).toMatch(/binance\s+api:binance\s+failed.*binance: HTTP 503 after 4 attempts/);
    expect(out.text()).toMatch(/coingecko\s+api:coingecko\s+partial\s+1\/0\/0\s+0\/0\/0\s+1/);
    expect(out.text()).toMatch(/yahoo\s+api:yahoo\s+partial\s+2\/0\/0\s+0\/0\/0\s+2/); // AAPL loaded; BTC-USD unknown, ETH-USD drifted
    const status = output();
    await runSources(market, { quarantined: true }, { write: status.write });
    expect(status.text()).toMatch(/binance\s+api\s+\S+\s+failed\s+never\s+0\s+binance: HTTP 503/);
    expect(status.text()).toMatch(/coingecko\s+api\s+\S+\s+partial\s+\S+\s+1\s*$/m);
    expect(status.text()).toMatch(/coingecko \/api\/v3\/coins\/markets\?page=1 field=\[0\]\.high_24h: /);
    expect(status.text()).toMatch(/yahoo \/v8\/finance\/chart\/ETH-USD field=chart\.result\[0\]\.indicators\.quote: /);
  });
});
