import type { EachBatchHandler, EventBatch, EventSubscriber } from '@ledgerline/ingestion';
import { describe, expect, it } from 'vitest';
import { InMemoryMarketRawStore } from '../testing/in-memory-market-raw-store.ts';
import { sampleBar } from '../testing/market-raw-store-contract.ts';
import { decodePriceEvent, landPrices } from './land-prices.ts';
import { priceEvent } from './stream-prices.ts';

/** A subscriber that hands the test its handler, so the test delivers batches itself. */
function manualSubscriber() {
  let handler: EachBatchHandler | undefined;
  const subscriber: EventSubscriber = {
    run: async (options) => {
      handler = options.eachBatch;
      return { stop: async () => undefined, done: Promise.resolve() };
    },
  };
  const deliver = (messages: Array<{ key: string; value: string; headers: Record<string, string> }>, signal = new AbortController().signal) => {
    const batch: EventBatch = {
      topic: 'prices',
      partition: 0,
      highWatermark: String(messages.length),
      signal,
      heartbeat: async () => undefined,
      messages: messages.map((m, i) => ({ offset: String(i), key: m.key, value: Buffer.from(m.value), headers: m.headers, timestamp: '2026-01-02T00:00:00.000Z' })),
    };
    if (!handler) throw new Error('not subscribed');
    return handler(batch);
  };
  return { subscriber, deliver };
}

const now = () => new Date('2026-01-02T10:00:00.000Z');

describe('landPrices', () => {
  it('upserts every valid bar with its record source; a redelivered batch changes nothing', async () => {
    const store = new InMemoryMarketRawStore();
    const { subscriber, deliver } = manualSubscriber();
    const dlq: unknown[] = [];
    const landing = await landPrices({ subscriber, store, now, deadLetters: { publish: async (_t, m) => void dlq.push(...m) } });
    const events = [
      priceEvent(sampleBar({ openTime: '2026-01-02T09:58:00.000Z', closeTime: '2026-01-02T09:59:00.000Z', interval: '1m' }), 'synthetic:binance'),
      priceEvent(sampleBar({ source: 'yahoo', quoteCurrency: 'USD', openTime: '2026-01-02T09:58:00.000Z', closeTime: '2026-01-02T09:59:00.000Z', interval: '1m' }), 'synthetic:yahoo'),
    ];
    await deliver(events);
    await deliver(events);
    expect([...store.bars.values()].map((b) => `${b.source}|${b.recordSource}|${b.openTime}`).sort()).toEqual([
      'binance|synthetic:binance|2026-01-02T09:58:00.000Z',
      'yahoo|synthetic:yahoo|2026-01-02T09:58:00.000Z',
    ]);
    expect(landing.stats()).toEqual({ landed: 4, deadLettered: 0 });
    expect(dlq).toEqual([]);
  });

  it('sends each bad event to prices.dlq with its reason and the original bytes, and lands the rest of the batch', async () => {
    const store = new InMemoryMarketRawStore();
    const { subscriber, deliver } = manualSubscriber();
    const dlq: Array<{ topic: string; key: string; value: string; headers: Record<string, string> }> = [];
    await landPrices({ subscriber, store, now, deadLetters: { publish: async (topic, m) => void dlq.push(...m.map((e) => ({ topic, key: e.key, value: String(e.value), headers: e.headers ?? {} }))) } });
    const good = priceEvent(sampleBar(), 'synthetic:binance');
    const floatClose = { ...good, value: good.value.replace('"close":"64500.12345678"', '"close":64500.12345678') };
    await deliver([
      { ...good, value: '{not json' },
      floatClose,
      { ...good, headers: { ...good.headers, 'ledgerline-schema': 'market.price-bar.v0' } },
      { ...good, headers: { ...good.headers, 'record-source': 'synthetic:yahoo' } },
      good,
    ]);
    expect(store.bars.size).toBe(1);
    expect(dlq.map((e) => e.topic)).toEqual(['prices.dlq', 'prices.dlq', 'prices.dlq', 'prices.dlq']);
    expect(dlq.map((e) => e.headers['x-error'])).toEqual([
      expect.stringMatching(/^not JSON/),
      expect.stringMatching(/^not a price bar: close/),
      expect.stringMatching(/ledgerline-schema is "market.price-bar.v0"/),
      expect.stringMatching(/record-source synthetic:yahoo does not name the bar's source binance/),
    ]);
    expect(dlq[1]?.value).toBe(floatClose.value); // untouched: it can be fixed and replayed
    expect(dlq[0]?.headers['x-source-offset']).toBe('0');
  });

  it('retries a failing store until it works: nothing is skipped and the batch commits only after the upsert', async () => {
    const store = new InMemoryMarketRawStore();
    let failures = 2;
    const flaky = {
      upsertBars: async (...args: Parameters<InMemoryMarketRawStore['upsertBars']>) => {
        if (failures-- > 0) throw new Error('Could not set lock on file');
        return store.upsertBars(...args);
      },
    };
    const { subscriber, deliver } = manualSubscriber();
    const retries: number[] = [];
    await landPrices({ subscriber, store: flaky, now, deadLetters: { publish: async () => undefined }, sleep: async () => undefined, onRetry: (_e, attempt) => retries.push(attempt) });
    await deliver([priceEvent(sampleBar(), 'synthetic:binance')]);
    expect(retries).toEqual([1, 2]);
    expect(store.bars.size).toBe(1);
  });

  it('a stopping subscription gives up the retry by throwing, so the batch is not committed and comes again', async () => {
    const { subscriber, deliver } = manualSubscriber();
    const stop = new AbortController();
    const failing = {
      upsertBars: async () => {
        stop.abort();
        throw new Error('disk full');
      },
    };
    await landPrices({ subscriber, store: failing, now, deadLetters: { publish: async () => undefined }, sleep: async () => undefined });
    await expect(deliver([priceEvent(sampleBar(), 'synthetic:binance')], stop.signal)).rejects.toThrow(/stopped/);
  });
});

describe('decodePriceEvent', () => {
  it('refuses a tombstone and a record-source that is not <kind>:<source>', () => {
    const event = priceEvent(sampleBar(), 'synthetic:binance');
    expect(decodePriceEvent(Buffer.alloc(0), event.headers, true)).toEqual({ ok: false, reason: expect.stringMatching(/tombstone/) });
    expect(decodePriceEvent(Buffer.from(event.value), { ...event.headers, 'record-source': 'binance' })).toEqual({ ok: false, reason: expect.stringMatching(/record-source is "binance"/) });
  });
});
