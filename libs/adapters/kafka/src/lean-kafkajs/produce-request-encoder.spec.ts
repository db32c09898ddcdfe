import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeLeanProduceRequest, type ProduceRequestInput } from './produce-request-encoder.ts';
import { requireKafkajsOriginal, type ProduceRequestV3 } from './kafkajs-originals.test-helper.ts';

const kafkajsRequestV3 = requireKafkajsOriginal<ProduceRequestV3>('src/protocol/requests/produce/v3/request.js');
const Long = requireKafkajsOriginal<{ fromValue: (v: number) => object }>('src/utils/long.js');
const kafkajsGrouping = requireKafkajsOriginal<(input: object) => Record<string, object[]>>('src/producer/groupMessagesPerPartition.js');
const kafkajsTopicData = requireKafkajsOriginal<(perTopic: object[]) => object[]>('src/producer/createTopicData.js');

const NOW = 1_767_225_600_123;

async function kafkajsBytes(input: ProduceRequestInput): Promise<Buffer> {
  return (await kafkajsRequestV3(input).encode()).buffer;
}

function event(i: number): string {
  // Multibyte characters: sizes are UTF-8 bytes, not string lengths.
  return JSON.stringify({ tx_id: `tx-${i}`, merchant: i % 3 === 0 ? 'Café Zürich €' : 'REWE', amount: `${i}.50`, note: i % 11 === 0 ? '🙂'.repeat(3) : null });
}

function partitions(count: number, perPartition: number, firstSequence = 0): Array<{ partition: number; firstSequence: number; messages: object[] }> {
  return Array.from({ length: count }, (_, p) => ({
    partition: p,
    firstSequence: firstSequence + p * perPartition,
    messages: Array.from({ length: perPartition }, (_, i) => ({ key: `acct-${p}-${i % 9}`, value: event(p * perPartition + i) })),
  }));
}

describe('encodeLeanProduceRequest', () => {
  // kafkajs stamps each batch with Date.now(); pinning it makes the two encodings comparable.
  beforeEach(() => vi.spyOn(Date, 'now').mockReturnValue(NOW));
  afterEach(() => vi.restoreAllMocks());

  it('writes what kafkajs writes for an idempotent send of JSON events, with topic data built by kafkajs', async () => {
    // As kafkajs' sendMessages builds it: grouped by partition (object keys, so partition numbers
    // arrive as strings), then each partition's first sequence number.
    const messages = Array.from({ length: 1_000 }, (_, i) => ({ key: `acct-${i % 37}`, value: event(i) }));
    const messagesPerPartition = kafkajsGrouping({ topic: 'transactions', partitionMetadata: [{}, {}, {}, {}, {}, {}], messages, partitioner: ({ message }: { message: { key: string } }) => Number(message.key.slice(5)) % 6 });
    const topicData = kafkajsTopicData([{ topic: 'transactions', partitions: Object.keys(messagesPerPartition), messagesPerPartition }]) as Array<{ partitions: Array<Record<string, unknown>> }>;
    topicData[0]!.partitions.forEach((entry, i) => (entry.firstSequence = 1_000_000 + i * 200));
    expect(typeof topicData[0]!.partitions[0]!.partition).toBe('string');
    // The idempotent producer's id arrives as a decimal string.
    const input = { acks: -1, timeout: 30_000, producerId: '4242', producerEpoch: 3, topicData };
    const lean = encodeLeanProduceRequest(input, NOW);
    expect(lean).toBeDefined();
    expect(lean!.equals(await kafkajsBytes(input))).toBe(true);
  });

  it('covers headers (strings, Buffers, repeated keys), null keys, tombstones, Buffers and large values', async () => {
    const big = 'x'.repeat(20_000);
    const messages = [
      { key: null, value: 'no key' },
      { key: 'k', value: null },
      { key: Buffer.from([0, 1, 2, 255]), value: Buffer.from(big) },
      { key: 'k', value: '', headers: {} },
      { key: 'é', value: big, headers: { 'dlq-reason': 'invalid event: amount: négatif', 'source-partition': Buffer.from('3'), tags: ['a', Buffer.from('b'), 'ç'] } },
      { key: 'k', value: 'v', headers: { empty: [] } },
    ];
    const input = { acks: -1, timeout: 5_000, producerId: 7, producerEpoch: 0, topicData: [{ topic: 'transactions.dlq', partitions: [{ partition: 2, firstSequence: 9, messages }] }] };
    const lean = encodeLeanProduceRequest(input, NOW);
    expect(lean!.equals(await kafkajsBytes(input))).toBe(true);
  });

  it('matches kafkajs for transactional and non-idempotent requests with several topics', async () => {
    const transactional = { acks: -1, timeout: 1_000, transactionalId: 'tx-ü', producerId: Long.fromValue(12), producerEpoch: 1, topicData: [
      { topic: 'a', partitions: partitions(2, 3) },
      { topic: 'b', partitions: partitions(1, 200) },
    ] };
    expect(encodeLeanProduceRequest(transactional, NOW)!.equals(await kafkajsBytes(transactional))).toBe(true);
    // Not idempotent: kafkajs' defaults (producer id -1, epoch 0, sequence 0).
    const plain = { acks: 1, timeout: 30_000, topicData: [{ topic: 'a', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v' }] }] }] };
    expect(encodeLeanProduceRequest(plain, NOW)!.equals(await kafkajsBytes(plain))).toBe(true);
  });

  it('declines what it does not cover, so kafkajs encodes it', () => {
    const base = { acks: -1, timeout: 1_000, producerId: 1, producerEpoch: 0 };
    const withMessage = (message: object) => ({ ...base, topicData: [{ topic: 't', partitions: [{ partition: 0, messages: [message] }] }] });
    expect(encodeLeanProduceRequest({ ...withMessage({ key: 'k', value: 'v' }), compression: 1 }, NOW)).toBeUndefined();
    expect(encodeLeanProduceRequest(withMessage({ key: 'k', value: 'v', timestamp: '1767225600000' }), NOW)).toBeUndefined();
    expect(encodeLeanProduceRequest(withMessage({ key: 'k', value: 42 }), NOW)).toBeUndefined();
    expect(encodeLeanProduceRequest(withMessage({ key: 'k', value: 'v', headers: { h: undefined } }), NOW)).toBeUndefined();
    expect(encodeLeanProduceRequest({ ...withMessage({ key: 'k', value: 'v' }), producerId: 'not a number' }, NOW)).toBeUndefined();
    expect(encodeLeanProduceRequest({ ...withMessage({ key: 'k', value: 'v' }), producerId: 1.5 }, NOW)).toBeUndefined();
    expect(encodeLeanProduceRequest({ ...base, topicData: 'nope' }, NOW)).toBeUndefined();
  });
});
