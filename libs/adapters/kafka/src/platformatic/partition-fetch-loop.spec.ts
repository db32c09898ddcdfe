import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Consumer, fetchV17, KafkaRecord, RecordsBatch } from '@platformatic/kafka';
import type { EventBatch, SubscribeOptions } from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import { PartitionFetchLoop } from './partition-fetch-loop.ts';
import type { PlatformaticModule } from './platformatic-module.ts';

const TOPIC = 'loop_topic';

function batchOf(firstOffset: number, count: number): RecordsBatch {
  const records: KafkaRecord[] = Array.from({ length: count }, (_, i) => ({
    length: 0,
    attributes: 0,
    timestampDelta: 0n,
    offsetDelta: i,
    key: Buffer.from(`k${firstOffset + i}`),
    value: Buffer.from(`v${firstOffset + i}`),
    headers: [],
  }));
  return {
    firstOffset: BigInt(firstOffset),
    length: 0,
    partitionLeaderEpoch: 0,
    magic: 2,
    crc: 0,
    attributes: 0,
    lastOffsetDelta: count - 1,
    firstTimestamp: 1_767_225_600_000n,
    maxTimestamp: 1_767_225_600_000n,
    producerId: -1n,
    producerEpoch: -1,
    firstSequence: -1,
    records,
  };
}

/**
 * The parts of the client's Consumer the loop uses, over an in-memory log per partition (all on
 * broker 1). A fetch returns at most `perFetch` events per partition from the requested offset, in
 * one record batch, and records what it was asked for; fetches in flight at once are counted
 * (the client's fetch sessions allow one per broker).
 */
class FakeConsumer extends EventEmitter {
  readonly fetches: Array<Map<number, bigint>> = [];
  readonly commits: Array<{ partition: number; offset: bigint }> = [];
  inFlight = 0;
  maxInFlight = 0;

  constructor(
    private readonly logEnds: number[],
    private readonly perFetch: number,
  ) {
    super();
  }

  metadata() {
    return Promise.resolve({ topics: new Map([[TOPIC, { id: 'topic-id', partitions: this.logEnds.map(() => ({ leader: 1 })) }]]) });
  }

  listCommittedOffsets() {
    return Promise.resolve(new Map([[TOPIC, this.logEnds.map(() => -1n)]]));
  }

  listOffsets() {
    return Promise.resolve(new Map([[TOPIC, this.logEnds.map(() => 0n)]]));
  }

  async fetch(options: { node: number; topics: fetchV17.FetchRequestTopic[] }): Promise<fetchV17.FetchResponse> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const asked = options.topics[0]?.partitions ?? [];
    this.fetches.push(new Map(asked.map((p) => [p.partition, p.fetchOffset])));
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.inFlight -= 1;
    const partitions = asked.map((p) => {
      const end = this.logEnds[p.partition] ?? 0;
      const from = Number(p.fetchOffset);
      const count = Math.min(this.perFetch, end - from);
      return { partitionIndex: p.partition, errorCode: 0, highWatermark: BigInt(end), records: count > 0 ? [batchOf(from, count)] : [] };
    });
    // The fields the loop reads; the rest of a real response does not matter here.
    return { responses: [{ topicId: 'topic-id', partitions }] } as unknown as fetchV17.FetchResponse;
  }

  commit(options: { offsets: Array<{ partition: number; offset: bigint }> }) {
    for (const o of options.offsets) this.commits.push({ partition: o.partition, offset: o.offset });
    return Promise.resolve();
  }

  close() {
    return Promise.resolve();
  }

  /** The group join that hands this member every partition. */
  assignAll() {
    this.emit('consumer:group:join', { assignments: [{ topic: TOPIC, partitions: this.logEnds.map((_, p) => p) }] });
  }
}

const kafka = { ListOffsetTimestamps: { EARLIEST: -2n } } as unknown as PlatformaticModule;

function startLoop(consumer: FakeConsumer, eachBatch: (batch: EventBatch) => Promise<void>, concurrency: number) {
  const subscribe: SubscribeOptions = { topic: TOPIC, groupId: 'g', eachBatch, maxBatchSize: 5 };
  const loop = new PartitionFetchLoop(kafka, consumer as unknown as Consumer, subscribe, silentLogger, {
    maxBytesPerPartition: 1024 * 1024,
    assignmentWaitLogMs: 60_000,
    concurrency,
  });
  const subscription = loop.start();
  consumer.assignAll();
  return subscription;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('PartitionFetchLoop (platformatic subscriber)', () => {
  it('delivers every event once, in offset order per partition, over many fetches with one fetch in flight', async () => {
    const consumer = new FakeConsumer([23, 17, 30], 7);
    const seen = new Map<number, number[]>();
    const subscription = startLoop(
      consumer,
      async ({ partition, messages }) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.set(partition, [...(seen.get(partition) ?? []), ...messages.map((m) => Number(m.offset))]);
      },
      2,
    );
    await until(() => (seen.get(0)?.length ?? 0) === 23 && (seen.get(1)?.length ?? 0) === 17 && (seen.get(2)?.length ?? 0) === 30, 'all events');
    await subscription.stop();
    expect(seen.get(0)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(seen.get(1)).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect(seen.get(2)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(consumer.maxInFlight).toBe(1);
    expect(consumer.commits.filter((c) => c.partition === 2).at(-1)?.offset).toBe(30n);
  });

  it('handles up to partitionsConsumedConcurrently partitions at the same time', async () => {
    const running = { now: 0, max: 0 };
    const batchHandler = async () => {
      running.now += 1;
      running.max = Math.max(running.max, running.now);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running.now -= 1;
    };
    for (const [concurrency, expected] of [
      [1, 1],
      [2, 2],
    ] as const) {
      running.max = 0;
      const consumer = new FakeConsumer([10, 10, 10], 5);
      const subscription = startLoop(consumer, batchHandler, concurrency);
      await until(() => consumer.commits.length === 6, 'six commits');
      await subscription.stop();
      expect(running.max).toBe(expected);
    }
  });

  it('sends the next fetch while a batch is still being handled, from where that batch ends', async () => {
    const consumer = new FakeConsumer([20], 5);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const subscription = startLoop(
      consumer,
      async () => {
        calls += 1;
        if (calls === 1) await released;
      },
      1,
    );
    await until(() => consumer.fetches.length >= 2, 'a second fetch during the first batch');
    expect(calls).toBe(1);
    expect(consumer.fetches[1]?.get(0)).toBe(5n);
    release();
    await until(() => consumer.commits.at(-1)?.offset === 20n, 'the log end committed');
    await subscription.stop();
  });

  it('delivers nothing fetched ahead after a batch failed, and rejects done', async () => {
    const consumer = new FakeConsumer([20], 5);
    const delivered: string[] = [];
    const subscription = startLoop(
      consumer,
      async ({ messages }) => {
        if (messages[0]?.offset === '5') throw new Error('store refused the batch');
        delivered.push(...messages.map((m) => m.offset));
      },
      1,
    );
    await expect(subscription.done).rejects.toThrow('store refused the batch');
    expect(delivered).toEqual(['0', '1', '2', '3', '4']);
    expect(consumer.commits.map((c) => c.offset)).toEqual([5n]);
  });
});
