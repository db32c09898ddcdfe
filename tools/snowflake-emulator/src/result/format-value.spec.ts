import {
  blobValue,
  dateValue,
  decimalValue,
  listValue,
  structValue,
  timeValue,
  timestampNanosValue,
  timestampTZValue,
  timestampValue,
} from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { epochFraction, formatValue } from './format-value.ts';

describe('formatValue (JSON rowset wire encoding)', () => {
  it('writes decimals with their scale and booleans as 1/0', () => {
    expect(formatValue(decimalValue(1230n, 15, 2), 'fixed')).toBe('12.30');
    expect(formatValue(decimalValue(-5n, 15, 2), 'fixed')).toBe('-0.05');
    expect(formatValue(9007199254740993n, 'fixed')).toBe('9007199254740993');
    expect(formatValue(true, 'boolean')).toBe('1');
    expect(formatValue(false, 'boolean')).toBe('0');
    expect(formatValue(null, 'fixed')).toBeNull();
  });

  it('writes dates as days and timestamps as epoch seconds with nine fraction digits', () => {
    const micros = BigInt(Date.parse('2026-10-03T08:15:00.123Z')) * 1000n + 456n;
    expect(formatValue(dateValue(20_729), 'date')).toBe('20729');
    expect(formatValue(timestampValue(micros), 'timestamp_ntz')).toBe('1791015300.123456000');
    // TIMESTAMP_TZ carries the offset index: minutes + 1440, i.e. 1440 for UTC.
    expect(formatValue(timestampTZValue(micros), 'timestamp_tz')).toBe('1791015300.123456000 1440');
    expect(formatValue(timeValue(3_723_000_001n), 'time')).toBe('3723.000001000');
    // A stored TIMESTAMP_TZ keeps its nanoseconds and its offset (+05:30 -> 330 + 1440).
    const stored = structValue({ sf_utc: timestampNanosValue(micros * 1000n + 789n), sf_offset: 330 });
    expect(formatValue(stored, 'timestamp_tz')).toBe('1791015300.123456789 1770');
    expect(formatValue(structValue({ sf_utc: timestampNanosValue(-1n), sf_offset: -480 }), 'timestamp_tz')).toBe('-1.999999999 960');
  });

  it('floors negative epochs so the fraction stays positive', () => {
    expect(epochFraction(-1n, 1_000_000n)).toBe('-1.999999000');
    expect(epochFraction(-1_000_000n, 1_000_000n)).toBe('-1.000000000');
  });

  it('writes binary as upper-case hex and nested values as JSON', () => {
    expect(formatValue(blobValue(new Uint8Array([0xab, 0x01])), 'binary')).toBe('AB01');
    expect(formatValue(listValue([1, 2]), 'array')).toBe('[1,2]');
    expect(formatValue(structValue({ a: 'x', b: null }), 'object')).toBe('{"a":"x","b":null}');
    expect(formatValue('{"a":1}', 'variant')).toBe('{"a":1}');
  });
});
