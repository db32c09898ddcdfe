import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { createKafkaEventBus, type KafkaEventBus } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { priceEvent } from '@ledgerline/market-data';
import { sampleBar } from '@ledgerline/market-data/testing';
import { startKafka, uniqueName } from '@ledgerline/testing';
import { marketStage } from './market-stage.ts';
import { QuiesceGate } from './quiesce-gate.ts';

const SLOW_TEST_MS = 180_000;
const SYMBOLS = ['BTC', 'ETH', 'AAPL'];
// The synthetic market at 120x: a minute closes every 0.5 s of the test (faster than the backfill runs, so a gap between the two would show), from a fixed instant.
const START = Date.parse('2026-11-20T15:00:20.000Z');
const SPEED = 120;

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return probeDuckDb(path).rows<T>(sql);
}

const sum = (offsets: Array<{ offset: string }>) => offsets.reduce((n, o) => n + Number(o.offset), 0);

// The main job's market stage on the real Kafka broker (the real-services mode): recent minutes
// backfilled, the live stream through the topic, the consumer group landing it in RAW.
describe('pipeline market stage on Kafka', () => {
  const dir = mkdtempSync(join(tmpdir(), 'market-stage-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const topic = uniqueName('prices');
  const groupId = uniqueName('market-prices');
  let bus: KafkaEventBus;
  let realStart: number;
  const now = () => new Date(START + (Date.now() - realStart) * SPEED);

  beforeAll(async () => {
    const { brokers } = await startKafka();
    bus = createKafkaEventBus({ brokers, clientId: uniqueName('market-stage'), logger: silentLogger });
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await bus?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (seconds: number, poison = false) => {
    const env = loadConfig({
      env: { WAREHOUSE_DUCKDB_PATH: warehouse, KAFKA_PARTITIONS: '2', MARKET_HISTORY_DAYS: '30', MARKET_INTRADAY_MINUTES: '120', MARKET_POLL_MS: '250' },
      dotenvPath: false,
    });
    const stage = marketStage({ env, logger: silentLogger, ...bus, warehouseLock: new QuiesceGate(), now, symbols: SYMBOLS, topic, groupId });
    await stage.start?.();
    if (poison) {
      const good = priceEvent(sampleBar({ symbol: 'BTC' }), 'synthetic:binance');
      await bus.publisher.publish(topic, [{ ...good, value: good.value.replace(/"close":"[^"]+"/, '"close":64500.1') }]);
    }
    // The stream starts once the start-up backfill is in (it runs in the background).
    while (stage.marketStatus().backfill === 'running') await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await stage.stop?.();
    return stage.marketStatus();
  };

  it('backfills, streams every closed minute to the topic and lands it in RAW without a gap or a duplicate; a bad event goes to the DLQ', async () => {
    realStart = Date.now();
    const first = await run(9, true);
    expect(first.backfill).toBe('done');
    expect(first.pricesPublished).toBeGreaterThan(0);
    expect(first.prices.deadLettered).toBe(1);
    // Everything on the topic is a published bar or the poison event.
    expect(sum(await bus.admin.endOffsets(topic))).toBe(first.pricesPublished + 1);
    expect(sum(await bus.admin.endOffsets(`${topic}.dlq`))).toBe(1);

    // The 1-minute series of each source is contiguous from the backfill through the stream.
    const series = await rows<{ source: string; symbol: string; n: bigint; first: string; last: string }>(
      warehouse,
      `SELECT source, symbol, count(*) AS n, CAST(min(open_time) AS VARCHAR) AS first, CAST(max(open_time) AS VARCHAR) AS last
         FROM (SELECT * FROM raw.market_crypto_prices_binance UNION ALL SELECT * FROM raw.market_crypto_prices_yahoo)
        WHERE bar_interval = '1m' GROUP BY ALL ORDER BY ALL`,
    );
    expect(series.map((s) => `${s.source}|${s.symbol}`)).toEqual(['binance|BTC', 'binance|ETH', 'yahoo|BTC', 'yahoo|ETH']);
    for (const s of series) {
      const minutes = (Date.parse(`${s.last}Z`) - Date.parse(`${s.first}Z`)) / 60_000 + 1;
      expect(Number(s.n), `${s.source} ${s.symbol}`).toBe(minutes);
      // 120 backfilled minutes before the stream's first, and streamed ones after it
      expect(Date.parse(`${s.first}Z`)).toBe(Date.parse(first.liveFrom ?? '') - 120 * 60_000);
      expect(Date.parse(`${s.last}Z`)).toBeGreaterThan(Date.parse(first.liveFrom ?? ''));
    }
    // Streamed bars are landed with the stream's record source; the poison bar is not in RAW.
    const streamed = await rows<{ n: bigint }>(warehouse, `SELECT count(*) AS n FROM raw.market_crypto_prices_binance WHERE bar_interval = '1m' AND open_time >= TIMESTAMP '${first.liveFrom?.replace('T', ' ').replace('Z', '')}'`);
    expect(Number(streamed[0]?.n)).toBeGreaterThan(0);
    expect(await rows(warehouse, `SELECT * FROM raw.market_crypto_prices_binance WHERE close = 64500.1`)).toEqual([]);
    // The daily history (30 completed days) and its news are there too.
    const daily = await rows<{ n: bigint }>(warehouse, `SELECT count(*) AS n FROM raw.market_crypto_prices_coingecko WHERE bar_interval = '1d' AND symbol = 'BTC'`);
    expect(Number(daily[0]?.n)).toBe(30);
    const news = await rows<{ n: bigint }>(warehouse, `SELECT count(*) AS n FROM raw.market_news`);
    expect(Number(news[0]?.n)).toBeGreaterThan(0);
  }, SLOW_TEST_MS);

  // The restart comes well within the 120 backfilled minutes (60 s of the test), so the series stays whole.
  it('a restart over the same topic and warehouse backfills again without changing a row, and continues the series', async () => {
    const before = await rows<{ n: bigint; changed: bigint }>(warehouse, `SELECT count(*) AS n, count(*) FILTER (WHERE loaded_at <> (SELECT min(loaded_at) FROM raw.market_crypto_prices_coingecko)) AS changed FROM raw.market_crypto_prices_coingecko`);
    const second = await run(5);
    expect(second.prices.deadLettered).toBe(0);
    // The daily bars were upserted again with identical values: not one row rewritten.
    const after = await rows<{ n: bigint; changed: bigint }>(warehouse, `SELECT count(*) AS n, count(*) FILTER (WHERE loaded_at <> (SELECT min(loaded_at) FROM raw.market_crypto_prices_coingecko)) AS changed FROM raw.market_crypto_prices_coingecko`);
    expect(after).toEqual(before);
    const gaps = await rows<{ source: string; gaps: bigint }>(
      warehouse,
      `SELECT source, count(*) FILTER (WHERE step <> INTERVAL 1 MINUTE) AS gaps FROM (
         SELECT source, open_time - lag(open_time) OVER (PARTITION BY source, symbol ORDER BY open_time) AS step
           FROM raw.market_crypto_prices_binance WHERE bar_interval = '1m') WHERE step IS NOT NULL GROUP BY source`,
    );
    expect(gaps).toEqual([{ source: 'binance', gaps: 0n }]);
  }, SLOW_TEST_MS);
});
