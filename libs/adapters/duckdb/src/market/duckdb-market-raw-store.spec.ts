import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMarketRawStoreContract, sampleBar } from '@ledgerline/market-data/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { withDuckDb } from '../connection/shared-instances.ts';
import { DuckDbMarketRawStore } from './duckdb-market-raw-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'market-raw-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openStore() {
  const path = join(dir, `w${counter++}.duckdb`);
  const store = new DuckDbMarketRawStore({ path });
  return { path, store };
}

describeMarketRawStoreContract('DuckDB', async () => {
  const { store } = openStore();
  return { store, close: () => store.close() };
});

const origin = { source: 'binance', recordSource: 'synthetic:binance', loadedAt: '2026-01-03T00:00:00.000Z' };

describe('DuckDbMarketRawStore', () => {
  it('writes each source and asset class to its own RAW table with exact decimals and lineage', async () => {
    const { path, store } = openStore();
    await store.upsertBars([sampleBar({ close: '0.000012340000000001' })], origin);
    await store.upsertBars([sampleBar({ source: 'yahoo', symbol: 'AAPL', quoteCurrency: 'USD' })], { ...origin, source: 'yahoo', recordSource: 'api:yahoo' });
    await store.close();
    const rows = await withDuckDb(path, async (db) =>
      (await db.runAndReadAll(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' AND table_name LIKE 'market_%prices%' ORDER BY 1`)).getRowObjectsJS(),
    );
    // the four tables dbt reads exist from the first connection, filled or not
    expect(rows.map((r) => r.table_name)).toEqual(['market_crypto_prices_binance', 'market_crypto_prices_coingecko', 'market_crypto_prices_yahoo', 'market_stock_prices_yahoo']);
    const [bar] = await withDuckDb(path, async (db) =>
      (await db.runAndReadAll(`SELECT CAST(close AS VARCHAR) AS close, record_source, CAST(open_time AS VARCHAR) AS open_time FROM raw.market_crypto_prices_binance`)).getRowObjectsJS(),
    );
    expect(bar).toEqual({ close: '0.000012340000000001', record_source: 'synthetic:binance', open_time: '2026-01-02 00:00:00' });
  });

  it('treats 62654.21000000 and 62654.21 as the same value (a redelivery in another precision is unchanged)', async () => {
    const { store } = openStore();
    await store.upsertBars([sampleBar({ open: '64000.10000000' })], origin);
    expect(await store.upsertBars([sampleBar({ open: '64000.1' })], origin)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    await store.close();
  });

  it('keeps the last of repeated keys within one batch', async () => {
    const { path, store } = openStore();
    expect(await store.upsertBars([sampleBar({ close: '1' }), sampleBar({ close: '2' })], origin)).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    await store.close();
    const [row] = await withDuckDb(path, async (db) => (await db.runAndReadAll(`SELECT CAST(close AS VARCHAR) AS c FROM raw.market_crypto_prices_binance`)).getRowObjectsJS());
    expect(row?.c).toBe('2.000000000000000000');
  });

  it('refuses a value DECIMAL(38,18) would round, and writes nothing of that batch', async () => {
    const { path, store } = openStore();
    await expect(store.upsertBars([sampleBar({ openTime: '2026-01-01T00:00:00.000Z', closeTime: '2026-01-02T00:00:00.000Z' }), sampleBar({ close: '1.0000000000000000001' })], origin)).rejects.toThrow(/does not fit DECIMAL\(38,18\)/);
    await store.close();
    const rows = await withDuckDb(path, async (db) => (await db.runAndReadAll(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'market_crypto_prices_binance'`)).getRowObjectsJS());
    expect(Number(rows[0]?.n)).toBe(0); // refused before the store even connected
  });

  it('refuses a symbol outside the asset list instead of guessing its table', async () => {
    const { store } = openStore();
    await expect(store.upsertBars([sampleBar({ symbol: 'NOPE' })], origin)).rejects.toThrow(/unknown asset NOPE/);
    await store.close();
  });

  it('stores the news mentions as rows (one per article and symbol), replaced on update', async () => {
    const { path, store } = openStore();
    const newsOrigin = { ...origin, source: 'news', recordSource: 'synthetic:news' };
    const article = { source: 'news', articleId: 'a', publishedAt: '2026-01-02T10:00:00.000Z', title: 't', summary: 's', url: null, symbols: ['BTC', 'ETH'] };
    await store.upsertNews([article], newsOrigin);
    await store.upsertNews([{ ...article, symbols: ['SOL'] }], newsOrigin);
    await store.close();
    const rows = await withDuckDb(path, async (db) => (await db.runAndReadAll(`SELECT symbol FROM raw.market_news_mentions ORDER BY 1`)).getRowObjectsJS());
    expect(rows.map((r) => r.symbol)).toEqual(['SOL']);
  });
});
