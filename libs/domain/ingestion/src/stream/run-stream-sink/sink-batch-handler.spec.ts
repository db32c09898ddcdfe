import { describe, expect, it } from 'vitest';
import { silentLogger } from '@ledgerline/logging';
import { transactionFixture } from '../../testing/store-fixtures.ts';
import { DLQ_HEADERS } from '../dead-letter.ts';
import type { ConsumedEvent, EventBatch } from '../event-subscriber.port.ts';
import { StoppedError, type Sleep } from '../retry-with-backoff.ts';
import { encodeTransactionEvent } from '../transaction-event.ts';
import { FakePublisher, FakeTransactionStore } from './fake-stream-deps.test-helper.ts';
import { createSinkBatchHandler } from './sink-batch-handler.ts';
import { SinkStats } from './sink-stats.ts';

const GROUP = 'sink';
const TOPIC = 'transactions';
const FAILED_AT = new Date('2025-11-05T12:00:00.000Z');

function validEvent(n: number, offset: number): ConsumedEvent {
  const tx = transactionFixture(n, 'acc-00001');
  return event(offset, encodeTransactionEvent(tx, new Date('2025-11-05T11:00:00.000Z')), { 'x-trace': `t${n}` });
}

function event(offset: number, value: string, headers: Record<string, string> = {}): ConsumedEvent {
  return { offset: String(offset), key: 'acc-00001', value: Buffer.from(value), headers, timestamp: '2025-11-05T11:00:00.000Z' };
}

function batchOf(messages: ConsumedEvent[], signal = new AbortController().signal): EventBatch & { heartbeats: number } {
  const batch = {
    topic: TOPIC,
    partition: 2,
    messages,
    highWatermark: '1000',
    signal,
    heartbeats: 0,
    heartbeat: async () => {
      batch.heartbeats += 1;
    },
  };
  return batch;
}

function setup(appliedUntil?: bigint) {
  const journal: string[] = [];
  const store = new FakeTransactionStore(journal);
  const publisher = new FakePublisher(journal);
  const stats = new SinkStats();
  const sleep: Sleep = async (_ms, signal) => {
    if (signal.aborted) throw new StoppedError('sleep');
  };
  const handler = createSinkBatchHandler(
    { store, publisher, stats, logger: silentLogger, now: () => FAILED_AT, sleep, appliedUntil: (partition) => (partition === 2 ? appliedUntil : undefined) },
    { groupId: GROUP, dlqTopic: `${TOPIC}.dlq` },
  );
  return { journal, store, publisher, stats, handler };
}

describe('stream sink batch handling', () => {
  it('takes the balance step for the accounts of the stored rows, inside the commit that stores them', async () => {
    const { store, handler } = setup();
    const other = event(201, encodeTransactionEvent(transactionFixture(9, 'acc-00002'), FAILED_AT));
    await handler(batchOf([validEvent(1, 200), other, validEvent(2, 202)]));
    expect(store.commits).toBe(1);
    expect(store.recomputed).toEqual([['acc-00001', 'acc-00002']]);
    // A commit that stores no row (only an offset) has no balance to keep.
    await handler(batchOf([event(203, '{not json')]));
    expect(store.recomputed).toHaveLength(1);
  });

  it('stores valid rows with their source and dead-letters invalid events first, with reason and origin', async () => {
    const { journal, store, publisher, stats, handler } = setup();
    const badJson = event(101, '{"tx_id": "tx-x", "amount":', { 'x-trace': 'bad' });
    const negative = event(103, encodeTransactionEvent(transactionFixture(3, 'acc-00001'), FAILED_AT).replace(/"amount":"/, '"amount":"-'));
    await handler(batchOf([validEvent(1, 100), badJson, validEvent(2, 102), negative, validEvent(4, 104)]));

    expect([...store.rows.keys()].sort()).toEqual(['tx-0000001', 'tx-0000002', 'tx-0000004']);
    expect(store.rows.get('tx-0000002')).toMatchObject({ source: 'stream', source_ref: 'transactions/2/102' });
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('105');

    expect(publisher.published.map((p) => p.topic)).toEqual(['transactions.dlq', 'transactions.dlq']);
    const [first, second] = publisher.published.map((p) => p.message);
    expect(Buffer.from(first?.value ?? '').equals(badJson.value)).toBe(true);
    expect(first?.key).toBe('acc-00001');
    expect(first?.headers).toMatchObject({
      'x-trace': 'bad',
      [DLQ_HEADERS.sourceTopic]: 'transactions',
      [DLQ_HEADERS.sourcePartition]: '2',
      [DLQ_HEADERS.sourceOffset]: '101',
      [DLQ_HEADERS.failedAt]: '2025-11-05T12:00:00.000Z',
    });
    expect(first?.headers?.[DLQ_HEADERS.error]).toMatch(/^invalid JSON/);
    expect(second?.headers?.[DLQ_HEADERS.error]).toMatch(/amount: must be greater than 0/);
    // The poison events are safe in the DLQ before the offset covering them is stored.
    expect(journal).toEqual(['publish:transactions.dlq:2', 'commit']);
    expect(stats.snapshot()).toMatchObject({ received: 5, stored: 3, inserted: 3, deadLettered: 2, batches: 1, lag: 1000 - 105 });
  });

  it('waits out a store outage without advancing, then commits rows and offset together', async () => {
    const { journal, store, stats, handler } = setup();
    store.failCommits = 4;
    const batch = batchOf([validEvent(1, 0), validEvent(2, 1)]);
    await handler(batch);
    expect(journal).toEqual(['store-down', 'store-down', 'store-down', 'store-down', 'commit']);
    expect(store.rows.size).toBe(2);
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('2');
    expect(stats.snapshot()).toMatchObject({ retries: 4, batches: 1 });
    expect(batch.heartbeats).toBe(4);
  });

  it('retries a dead-letter publish until it is acknowledged, before storing anything', async () => {
    const { journal, publisher, store, handler } = setup();
    publisher.failNext = 2;
    await handler(batchOf([event(7, 'not json'), validEvent(1, 8)]));
    expect(journal).toEqual(['publish-down', 'publish-down', 'publish:transactions.dlq:1', 'commit']);
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('9');
  });

  it('gives up when stopped during an outage, leaving rows and offsets untouched for redelivery', async () => {
    const { store, handler } = setup();
    store.failCommits = Number.POSITIVE_INFINITY;
    const stop = new AbortController();
    const pending = handler(batchOf([validEvent(1, 0)], stop.signal));
    stop.abort();
    await expect(pending).rejects.toBeInstanceOf(StoppedError);
    expect(store.rows.size).toBe(0);
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBeUndefined();
  });

  it('dead-letters a row the store refuses by name and stores the rest', async () => {
    const { store, publisher, stats, handler } = setup();
    store.rejectTxId = { txId: 'tx-0000002', namesRow: true };
    await handler(batchOf([validEvent(1, 10), validEvent(2, 11), validEvent(3, 12)]));
    expect([...store.rows.keys()].sort()).toEqual(['tx-0000001', 'tx-0000003']);
    expect(publisher.published).toHaveLength(1);
    expect(publisher.published[0]?.message.headers?.[DLQ_HEADERS.sourceOffset]).toBe('11');
    expect(publisher.published[0]?.message.headers?.[DLQ_HEADERS.error]).toMatch(/store rejected the row: .*transactions_mcc_check/);
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('13');
    expect(stats.snapshot()).toMatchObject({ stored: 2, deadLettered: 1 });
  });

  it('bisects a batch whose refused row the store cannot name, storing the rest in offset order', async () => {
    const { store, publisher, stats, handler } = setup();
    store.rejectTxId = { txId: 'tx-0000002', namesRow: false };
    await handler(batchOf([validEvent(1, 10), validEvent(2, 11), validEvent(3, 12), event(13, '{}')]));
    expect([...store.rows.keys()].sort()).toEqual(['tx-0000001', 'tx-0000003']);
    expect(publisher.published.map((p) => p.message.headers?.[DLQ_HEADERS.sourceOffset]).sort()).toEqual(['11', '13']);
    expect(publisher.published.map((p) => p.message.headers?.[DLQ_HEADERS.error])).toContainEqual(
      expect.stringMatching(/^store rejected the row: .*transactions_mcc_check/),
    );
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('14');
    expect(stats.snapshot()).toMatchObject({ stored: 2, deadLettered: 2 });
  });

  it('finds one unnamed refused row in a large batch in about log2(n) attempts, not one per row', async () => {
    const { store, publisher, stats, handler } = setup();
    const messages = Array.from({ length: 512 }, (_, i) => validEvent(i + 1, 1_000 + i));
    store.rejectTxId = { txId: 'tx-0000300', namesRow: false };
    await handler(batchOf(messages));
    expect(store.rows.size).toBe(511);
    expect(store.rows.has('tx-0000300')).toBe(false);
    expect(publisher.published.map((p) => p.message.headers?.[DLQ_HEADERS.sourceOffset])).toEqual(['1299']);
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('1512');
    // One refused attempt per halving (9 for 512 rows) plus one commit per stored half: a row
    // at a time took 513 transactions.
    expect(store.attempts).toBeLessThanOrEqual(2 * Math.log2(512) + 2);
    expect(stats.snapshot()).toMatchObject({ stored: 511, deadLettered: 1, bisections: 9 });
  });

  it('dead-letters a tombstone with its own reason, keeping the null value, a null key and the headers', async () => {
    const { store, publisher, handler } = setup();
    const tombstone: ConsumedEvent = { offset: '31', key: null, value: Buffer.alloc(0), tombstone: true, headers: { 'x-trace': 'gone' }, timestamp: '2025-11-05T11:00:00.000Z' };
    const empty: ConsumedEvent = { ...event(32, ''), key: null };
    await handler(batchOf([validEvent(1, 30), tombstone, empty]));
    expect(store.rows.size).toBe(1);
    const [dead, blank] = publisher.published.map((p) => p.message);
    expect(dead).toMatchObject({ nullKey: true, nullValue: true, headers: { 'x-trace': 'gone', [DLQ_HEADERS.sourceOffset]: '31' } });
    expect(dead?.headers?.[DLQ_HEADERS.error]).toMatch(/^tombstone: the event has a null value/);
    // Empty bytes are not a tombstone: invalid JSON, value kept as the empty bytes it was.
    expect(blank?.nullValue).toBeUndefined();
    expect(blank?.nullKey).toBe(true);
    expect(blank?.headers?.[DLQ_HEADERS.error]).toMatch(/^invalid JSON/);
    expect(store.storedOffset(GROUP, TOPIC, 2)).toBe('33');
  });

  it('marks the dead letter of an event read again below what the group had applied, and only that one', async () => {
    const { publisher, stats, handler } = setup(11n);
    await handler(batchOf([event(10, 'not json'), validEvent(1, 11), event(12, '{"also": "bad"')]));
    const [again, first] = publisher.published.map((p) => p.message.headers ?? {});
    expect(again).toMatchObject({ [DLQ_HEADERS.sourceOffset]: '10', [DLQ_HEADERS.redelivery]: '11' });
    expect(first?.[DLQ_HEADERS.sourceOffset]).toBe('12');
    expect(first?.[DLQ_HEADERS.redelivery]).toBeUndefined();
    expect(stats.snapshot()).toMatchObject({ deadLettered: 2, redeadLettered: 1 });
  });

  it('applies a redelivered batch without changing anything', async () => {
    const { store, stats, handler } = setup();
    const messages = [validEvent(1, 0), validEvent(2, 1)];
    await handler(batchOf(messages));
    const before = new Map(store.rows);
    await handler(batchOf(messages));
    expect(store.rows).toEqual(before);
    expect(stats.snapshot()).toMatchObject({ inserted: 2, unchanged: 2, updated: 0 });
  });
});

describe('stream sink batch handling while stopping', () => {
  it('abandons a dead-letter publish the broker never acknowledges, storing nothing', async () => {
    const store = new FakeTransactionStore();
    const stop = new AbortController();
    const handler = createSinkBatchHandler(
      {
        store,
        publisher: { publish: () => new Promise<void>(() => undefined), flush: async () => undefined, close: async () => undefined },
        stats: new SinkStats(),
        logger: silentLogger,
        now: () => FAILED_AT,
        stopGraceMs: 20,
      },
      { groupId: GROUP, dlqTopic: 'transactions.dlq' },
    );
    const pending = handler(batchOf([event(0, 'not json'), validEvent(1, 1)], stop.signal));
    stop.abort();
    await expect(pending).rejects.toBeInstanceOf(StoppedError);
    expect(store.commits).toBe(0);
  });
});
