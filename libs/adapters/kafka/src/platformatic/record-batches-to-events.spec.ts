import { describe, expect, it } from 'vitest';
import type { KafkaRecord, RecordsBatch } from '@platformatic/kafka';
import { eventsOf } from './record-batches-to-events.ts';

function record(offsetDelta: number, key: string | null, value: string | null, headers: Array<[string, string]> = [], timestampDelta = 0n): KafkaRecord {
  return {
    length: 0,
    attributes: 0,
    timestampDelta,
    offsetDelta,
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers: headers.map(([n, v]) => [Buffer.from(n), Buffer.from(v)]),
  };
}

function batch(firstOffset: bigint, records: KafkaRecord[], attributes = 0): RecordsBatch {
  return {
    firstOffset,
    length: 0,
    partitionLeaderEpoch: 0,
    magic: 2,
    crc: 0,
    attributes,
    lastOffsetDelta: records.length === 0 ? 0 : Math.max(...records.map((r) => r.offsetDelta)),
    firstTimestamp: 1_767_225_600_000n,
    maxTimestamp: 1_767_225_600_000n,
    producerId: -1n,
    producerEpoch: -1,
    firstSequence: -1,
    records,
  };
}

describe('eventsOf (platformatic record batches as the port events)', () => {
  it('drops what lies below the fetch position (a batch may start before it) and keeps bytes, keys, headers, tombstones', () => {
    const { events, lastOffset } = eventsOf(
      [batch(10n, [record(0, 'a', 'x'), record(1, 'b', 'y', [['h', 'v']], 5n), record(2, null, null)]), batch(13n, [record(0, 'c', 'z')])],
      11n,
    );
    expect(events.map((e) => [e.offset, e.key, e.value.toString(), e.tombstone, e.headers])).toEqual([
      ['11', 'b', 'y', false, { h: 'v' }],
      ['12', null, '', true, {}],
      ['13', 'c', 'z', false, {}],
    ]);
    expect(events[0]?.timestamp).toBe('2026-01-01T00:00:00.005Z');
    expect(events[2]?.timestamp).toBe('2026-01-01T00:00:00.000Z');
    expect(lastOffset).toBe(13n);
  });

  it('delivers nothing from a transaction marker but moves past it', () => {
    const { events, lastOffset } = eventsOf([batch(20n, [record(0, null, 'marker')], 0x20)], 20n);
    expect(events).toEqual([]);
    expect(lastOffset).toBe(20n);
  });
});
