import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../events/change-event.ts';
import { LANDING_COLUMNS, landingColumnsSql, landingDate, landingFileKey, landingRow, parseLandingFileKey } from './landing-file.ts';

const parts = { prefix: 'cdc', schema: 'public', table: 'accounts', dt: '2026-12-06', partition: 2, firstOffset: 0n, lastOffset: 1234n };

describe('landing file layout', () => {
  it('names a file from its Kafka positions and parses the name back', () => {
    const key = landingFileKey(parts);
    expect(key).toBe('cdc/public.accounts/dt=2026-12-06/2-0-1234.parquet');
    expect(parseLandingFileKey(key)).toEqual(parts);
    expect(parseLandingFileKey(key, 'cdc')).toEqual(parts);
    expect(parseLandingFileKey(key, 'other')).toBeUndefined();
    expect(parseLandingFileKey('lake/raw/public.accounts/dt=2026-12-06/0-5-5.parquet')).toMatchObject({ prefix: 'lake/raw', firstOffset: 5n });
  });

  it('keeps offsets beyond 2^53 exact', () => {
    const key = landingFileKey({ ...parts, firstOffset: 9007199254740993n, lastOffset: 9007199254740995n });
    expect(parseLandingFileKey(key)?.lastOffset).toBe(9007199254740995n);
  });

  it('recognises nothing that the builder would not write', () => {
    for (const key of [
      'cdc/public.accounts/dt=2026-12-06/2-01-1234.parquet', // padded offset
      'cdc/public.accounts/dt=2026-13-06/2-0-1234.parquet', // no such month
      'cdc/public.accounts/dt=2026-12-06/2-9-3.parquet', // last before first
      'cdc/public.accounts/dt=2026-12-06/2-0-1234.json',
      'quarantine/cdc/public.accounts/dt=2026-12-06/2-0-1234.parquet.report.json',
      'cdc/accounts/dt=2026-12-06/2-0-1234.parquet',
    ]) {
      expect(parseLandingFileKey(key), key).toBeUndefined();
    }
  });

  it('refuses parts that would make a key ambiguous', () => {
    expect(() => landingFileKey({ ...parts, table: 'a.b' })).toThrow(/table/);
    expect(() => landingFileKey({ ...parts, prefix: '../up' })).toThrow(/prefix/);
    expect(() => landingFileKey({ ...parts, lastOffset: -1n })).toThrow(/offsets/);
    expect(() => landingFileKey({ ...parts, dt: '2026-02-30' })).toThrow(/dt/);
  });

  it('dates a file by the UTC day of an instant', () => {
    expect(landingDate(Date.UTC(2026, 11, 6, 23, 59, 59, 999))).toBe('2026-12-06');
    expect(landingDate(Date.UTC(2026, 11, 7))).toBe('2026-12-07');
  });

  it('turns a change event into one row of the agreed columns', () => {
    const event: ChangeEvent = {
      before: null,
      after: { id: 7, name: 'x' },
      op: 'c',
      ts_ms: 1765065600123,
      source: { connector: 'postgresql', db: 'ledgerline', schema: 'public', table: 'accounts', lsn: 4096, txId: 771, ts_ms: 1765065600000, snapshot: 'false' },
    };
    const row = landingRow({ topic: 'll.public.accounts', partition: 0, offset: 41n, key: '{"id":7}' }, event);
    expect(Object.keys(row)).toEqual(LANDING_COLUMNS.map((c) => c.name));
    expect(row).toMatchObject({ offset: 41n, key_json: '{"id":7}', before_json: null, after_json: '{"id":7,"name":"x"}', lsn: 4096, tx_id: 771, snapshot: 'false' });
    expect(landingColumnsSql()).toMatch(/^"topic" VARCHAR NOT NULL, "partition" INTEGER NOT NULL, "offset" BIGINT NOT NULL, .*"tx_id" BIGINT, /);
  });
});
