import { describe, expect, it } from 'vitest';
import { createSyntheticSources } from '../synthetic/create-synthetic-sources.ts';
import { PriceBarSchema } from '../model/price-bar.ts';
import { streamPrices, type PriceEventPublisher } from './stream-prices.ts';

function capture() {
  const events: Array<{ topic: string; key: string; value: string; headers: Record<string, string> }> = [];
  let failNext = false;
  const publisher: PriceEventPublisher = {
    publish: async (topic, messages) => {
      if (failNext) {
        failNext = false;
        throw new Error('broker unavailable');
      }
      events.push(...messages.map((m) => ({ topic, ...m })));
    },
  };
  return { events, publisher, failOnce: () => (failNext = true) };
}

describe('streamPrices', () => {
  it('publishes every completed minute once per source and symbol, keyed by source|symbol', async () => {
    let clock = Date.parse('2026-01-02T10:00:30.000Z');
    const { events, publisher } = capture();
    const sources = createSyntheticSources('seed').map((source) => ({ source, recordSource: `synthetic:${source.id}` }));
    const result = await streamPrices({
      sources,
      publisher,
      symbols: ['BTC', 'AAPL'],
      now: () => new Date(clock),
      sleep: async (ms) => void (clock += ms),
      pollMs: 30_000,
      maxRounds: 5, // 10:00:30 .. 10:02:30: minutes 09:59, 10:00, 10:01
    });
    // binance (1m, BTC) and yahoo (1m, BTC; AAPL outside its session at 10:00 UTC); coingecko has no 1m bars.
    const keys = events.map((e) => `${e.key}@${JSON.parse(e.value).openTime}`);
    expect(keys).toEqual([
      'binance|BTC@2026-01-02T09:59:00.000Z',
      'yahoo|BTC@2026-01-02T09:59:00.000Z',
      'binance|BTC@2026-01-02T10:00:00.000Z',
      'yahoo|BTC@2026-01-02T10:00:00.000Z',
      'binance|BTC@2026-01-02T10:01:00.000Z',
      'yahoo|BTC@2026-01-02T10:01:00.000Z',
    ]);
    expect(result.published).toBe(6);
    expect(events.every((e) => e.topic === 'prices' && PriceBarSchema.safeParse(JSON.parse(e.value)).success)).toBe(true);
    expect(events[0]?.headers['record-source']).toBe('synthetic:binance');
  });

  it('retries the minutes of a round whose publish failed (nothing is skipped)', async () => {
    let clock = Date.parse('2026-01-02T10:00:30.000Z');
    const { events, publisher, failOnce } = capture();
    const [binance] = createSyntheticSources('seed');
    const errors: string[] = [];
    failOnce();
    await streamPrices({
      sources: [{ source: binance!, recordSource: 'synthetic:binance' }],
      publisher,
      symbols: ['ETH'],
      now: () => new Date(clock),
      sleep: async (ms) => void (clock += ms),
      pollMs: 60_000,
      maxRounds: 3,
      onError: (error) => errors.push(String(error)),
    });
    expect(errors).toEqual(['Error: broker unavailable']);
    expect(events.map((e) => JSON.parse(e.value).openTime)).toEqual(['2026-01-02T09:59:00.000Z', '2026-01-02T10:00:00.000Z', '2026-01-02T10:01:00.000Z']);
  });
});
