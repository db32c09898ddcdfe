import type { PartitionMetadata } from 'kafkajs';
import { Partitioners } from './kafkajs-runtime.ts';
import { describe, expect, it } from 'vitest';
import { Murmur2Partitioner } from './murmur2-partitioner.ts';

function metadata(count: number): PartitionMetadata[] {
  return Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));
}

/** Deterministic keys of every length 0..40, ASCII and multi-byte UTF-8. */
function keys(): string[] {
  const out: string[] = [];
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let length = 0; length <= 40; length += 1) {
    for (let n = 0; n < 25; n += 1) {
      let key = '';
      for (let i = 0; i < length; i += 1) key += n % 5 === 0 ? String.fromCodePoint(0xa0 + (next() % 0x2000)) : String.fromCharCode(32 + (next() % 95));
      out.push(key);
    }
  }
  return [...out, 'acc-00001', 'A-000042-CHK', ''];
}

describe('Murmur2Partitioner', () => {
  it('puts every key on the same partition as kafkajs DefaultPartitioner (Kafka-compatible)', () => {
    const ours = Murmur2Partitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const count of [1, 2, 3, 6, 7, 12, 64]) {
      const partitionMetadata = metadata(count);
      for (const key of keys()) {
        for (const asBuffer of [false, true]) {
          const message = { key: asBuffer ? Buffer.from(key) : key, value: 'v' };
          expect({ key, count, partition: ours({ topic: 't', partitionMetadata, message }) }).toEqual({
            key,
            count,
            partition: theirs({ topic: 't', partitionMetadata, message }),
          });
        }
      }
    }
  });

  it('honours an explicit partition and spreads keyless messages over the available partitions', () => {
    const ours = Murmur2Partitioner();
    const partitionMetadata = metadata(6);
    expect(ours({ topic: 't', partitionMetadata, message: { key: 'acc-1', value: 'v', partition: 4 } })).toBe(4);
    const seen = new Set<number>();
    for (let i = 0; i < 12; i += 1) seen.add(ours({ topic: 't', partitionMetadata, message: { value: 'v' } }));
    expect(seen.size).toBe(6);
  });
});
