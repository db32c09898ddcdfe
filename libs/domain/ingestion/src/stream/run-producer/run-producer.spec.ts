import { describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import type { Transaction } from '@ledgerline/transactions';
import { transactionFixture } from '../../testing/store-fixtures.ts';
import type { EventPublisher, OutgoingEvent } from '../event-publisher.port.ts';
import { StoppedError, type Sleep } from '../retry-with-backoff.ts';
import { decodeTransactionEvent } from '../transaction-event.ts';
import { runProducer } from './run-producer.ts';

/** Keeps what was acknowledged; can refuse the next N publishes like a broker that is down. */
class RecordingPublisher implements EventPublisher {
  readonly published: OutgoingEvent[] = [];
  failNext = 0;
  flushes = 0;
  onPublish?: () => void;

  async publish(_topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('broker unavailable');
    }
    this.published.push(...messages);
    this.onPublish?.();
  }
  async flush(): Promise<void> {
    this.flushes += 1;
  }
  async close(): Promise<void> {}
}

/** Virtual time: sleeping advances the clock instantly. */
function virtualClock(): { now: () => number; sleep: Sleep } {
  let t = 1_750_000_000_000;
  return {
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new StoppedError('sleep');
      t += ms;
    },
  };
}

function* transactions(): Generator<Transaction> {
  for (let n = 1; ; n += 1) yield transactionFixture(n, `acc-${String(n % 7).padStart(5, '0')}`);
}

const noBackoff = { initialMs: 1, maxMs: 1, jitter: 0 };

describe('runProducer', () => {
  it('publishes exactly --count valid events keyed by account, in source order per key', async () => {
    const publisher = new RecordingPublisher();
    const report = await runProducer({ publisher, logger: silentLogger }, { topic: 't', source: transactions(), count: 2_500, progressIntervalMs: 0, ...virtualClock() });
    expect(report).toMatchObject({ sent: 2_500, valid: 2_500, errors: 0 });
    expect(publisher.published).toHaveLength(2_500);
    expect(publisher.flushes).toBe(1);
    const decoded = publisher.published.map((m) => {
      const result = decodeTransactionEvent(Buffer.from(m.value));
      if (!result.ok) throw new Error(result.reason);
      expect(m.key).toBe(result.event.account_id);
      return result.event;
    });
    expect(decoded.map((e) => e.tx_id)).toEqual(Array.from({ length: 2_500 }, (_, i) => transactionFixture(i + 1, 'x').tx_id));
  });

  it('holds the configured rate for the configured duration', async () => {
    const publisher = new RecordingPublisher();
    const report = await runProducer(
      { publisher, logger: silentLogger },
      { topic: 't', source: transactions(), ratePerSecond: 500, durationMs: 10_000, progressIntervalMs: 0, ...virtualClock() },
    );
    // 10 s x 500/s, plus at most one initial burst (a chunk of rate/20 = 25).
    expect(report.sent).toBeGreaterThanOrEqual(5_000);
    expect(report.sent).toBeLessThanOrEqual(5_025);
    expect(report.eventsPerSecond).toBeGreaterThanOrEqual(500);
    expect(report.eventsPerSecond).toBeLessThanOrEqual(503);
  });

  it('mixes in the requested share of poison events, all of which the decoder rejects', async () => {
    const publisher = new RecordingPublisher();
    const report = await runProducer(
      { publisher, logger: silentLogger },
      { topic: 't', source: transactions(), count: 4_000, poisonRate: 0.02, poisonSeed: 3, progressIntervalMs: 0, ...virtualClock() },
    );
    const poisonTotal = Object.values(report.poison).reduce((a, b) => a + b, 0);
    expect(poisonTotal).toBeGreaterThan(40);
    expect(report.valid + poisonTotal).toBe(4_000);
    const rejected = publisher.published.filter((m) => !decodeTransactionEvent(Buffer.from(m.value)).ok);
    expect(rejected).toHaveLength(poisonTotal);
    for (const kind of Object.keys(report.poison)) expect(report.poison[kind as keyof typeof report.poison]).toBeGreaterThan(0);
  });

  it('retries a failed publish without losing or duplicating events, counting the errors', async () => {
    const publisher = new RecordingPublisher();
    publisher.failNext = 3;
    const report = await runProducer(
      { publisher, logger: silentLogger },
      { topic: 't', source: transactions(), count: 300, maxChunkSize: 100, backoff: noBackoff, progressIntervalMs: 0, ...virtualClock() },
    );
    expect(report).toMatchObject({ sent: 300, errors: 3 });
    const ids = publisher.published.map((m) => (JSON.parse(String(m.value)) as { tx_id: string }).tx_id);
    expect(new Set(ids).size).toBe(300);
  });

  it('stops on the signal after the chunk in flight, reporting only acknowledged events', async () => {
    const publisher = new RecordingPublisher();
    const stop = new AbortController();
    publisher.onPublish = () => {
      if (publisher.published.length >= 300) stop.abort();
    };
    const report = await runProducer(
      { publisher, logger: silentLogger },
      { topic: 't', source: transactions(), maxChunkSize: 100, signal: stop.signal, progressIntervalMs: 0, ...virtualClock() },
    );
    expect(report.sent).toBe(300);
    expect(publisher.published).toHaveLength(300);
    expect(publisher.flushes).toBe(1);
  });
});

describe('runProducer stopping while the broker is down', () => {
  it('gives up waiting for a publish that never completes, after the grace period', async () => {
    const stop = new AbortController();
    let calls = 0;
    const publisher: EventPublisher = {
      publish: () => {
        calls += 1;
        if (calls === 1) return Promise.resolve();
        stop.abort();
        return new Promise<void>(() => undefined); // a broker that never answers
      },
      flush: async () => undefined,
      close: async () => undefined,
    };
    const report = await runProducer(
      { publisher, logger: silentLogger },
      { topic: 't', source: transactions(), maxChunkSize: 10, signal: stop.signal, stopGraceMs: 50, progressIntervalMs: 0 },
    );
    expect(report.sent).toBe(10);
    expect(calls).toBe(2);
  });
});
