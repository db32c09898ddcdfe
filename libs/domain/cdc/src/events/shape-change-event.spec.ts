import { describe, expect, it } from 'vitest';
import { changeTopic } from './change-topic.ts';
import { changeEventSchema, decodeChangeEvent } from './change-event.ts';
import { foldChangeEvents } from './fold-change-events.ts';
import { UNAVAILABLE_VALUE, type RowChange } from './row-change.ts';
import { shapeChangeEvent } from './shape-change-event.ts';

const base: RowChange = {
  op: 'c',
  schema: 'public',
  table: 'customers',
  keyColumns: ['customer_id'],
  before: null,
  after: { customer_id: 'C1', name: 'Ada', notes: 'long text' },
  lsn: 0x16b3748n,
  txId: 771,
  sourceTsMs: 1_765_000_000_000,
  snapshot: false,
};
const shapeOptions = { topicPrefix: 'll', database: 'bank', connector: 'postgresql', nowMs: 1_765_000_000_123 };

describe('shapeChangeEvent', () => {
  it('writes the Debezium envelope, the key from the primary key and the per-table topic', () => {
    const shaped = shapeChangeEvent(base, shapeOptions);
    expect(shaped.topic).toBe('ll.public.customers');
    expect(shaped.key).toBe('{"customer_id":"C1"}');
    expect(shaped.value).toEqual({
      before: null,
      after: { customer_id: 'C1', name: 'Ada', notes: 'long text' },
      op: 'c',
      ts_ms: 1_765_000_000_123,
      source: { connector: 'postgresql', db: 'bank', schema: 'public', table: 'customers', lsn: 0x16b3748, txId: 771, ts_ms: 1_765_000_000_000, snapshot: 'false' },
    });
    expect(changeEventSchema.parse(JSON.parse(JSON.stringify(shaped.value)))).toEqual(shaped.value);
  });

  it('keys a delete by its before image', () => {
    const shaped = shapeChangeEvent({ ...base, op: 'd', before: { customer_id: 'C1' }, after: null }, shapeOptions);
    expect(shaped.key).toBe('{"customer_id":"C1"}');
  });

  it('gives truncates a null key', () => {
    expect(shapeChangeEvent({ ...base, op: 't', after: null }, shapeOptions).key).toBe('null');
  });

  it('refuses a change whose key column it cannot see', () => {
    expect(() => shapeChangeEvent({ ...base, after: { name: 'Ada' } }, shapeOptions)).toThrow(/key column customer_id is missing/);
  });
});

describe('decodeChangeEvent', () => {
  it('refuses envelopes whose images contradict the op', () => {
    const value = shapeChangeEvent(base, shapeOptions).value;
    expect(decodeChangeEvent(JSON.stringify({ ...value, op: 'd' }))).toEqual({ ok: false, error: 'after: op d must not have an after image' });
    expect(decodeChangeEvent('{"op":')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
  });
});

describe('changeTopic', () => {
  it('refuses names that would collide or that Kafka refuses', () => {
    expect(() => changeTopic('ll', 'a.b', 'c')).toThrow(/schema "a.b"/);
    expect(() => changeTopic('ll', 'public', 'naïve')).toThrow(/table/);
  });
});

describe('foldChangeEvents', () => {
  it('keeps the previous value of a column sent as the unavailable-value placeholder', () => {
    const create = shapeChangeEvent(base, shapeOptions);
    const update = shapeChangeEvent({ ...base, op: 'u', after: { customer_id: 'C1', name: 'Ada L.', notes: UNAVAILABLE_VALUE } }, shapeOptions);
    const rows = foldChangeEvents([create, update]);
    expect(rows.get('{"customer_id":"C1"}')).toEqual({ customer_id: 'C1', name: 'Ada L.', notes: 'long text' });
  });

  it('applies deletes and truncates', () => {
    const create = shapeChangeEvent(base, shapeOptions);
    const other = shapeChangeEvent({ ...base, after: { customer_id: 'C2' } }, shapeOptions);
    const del = shapeChangeEvent({ ...base, op: 'd', before: { customer_id: 'C1' }, after: null }, shapeOptions);
    expect([...foldChangeEvents([create, other, del]).keys()]).toEqual(['{"customer_id":"C2"}']);
    const truncate = shapeChangeEvent({ ...base, op: 't', after: null }, shapeOptions);
    expect(foldChangeEvents([create, other, truncate]).size).toBe(0);
  });
});
