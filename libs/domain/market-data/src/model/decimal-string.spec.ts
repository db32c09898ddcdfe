import { describe, expect, it } from 'vitest';
import { DecimalStringSchema, compareDecimal, formatGeneratedDecimal, subtractDecimal } from './decimal-string.ts';
import { epochMsToUtc, epochSecondsToUtc } from './utc-time.ts';

describe('decimal strings', () => {
  it('subtracts exactly where floats would not', () => {
    expect(subtractDecimal('0.3', '0.1')).toBe('0.2');
    expect(0.3 - 0.1).not.toBe(0.2);
    expect(subtractDecimal('64123.5', '1234.56789')).toBe('62888.93211');
    expect(subtractDecimal('1', '1.5')).toBe('-0.5');
  });

  it('compares across scales', () => {
    expect(compareDecimal('1.10', '1.1')).toBe(0);
    expect(compareDecimal('9.99', '10')).toBe(-1);
    expect(compareDecimal('-1', '-2')).toBe(1);
  });

  it('rejects exponents, blanks and floats-as-text', () => {
    for (const text of ['1e-7', '', ' 1', '1.', '.5', 'NaN']) expect(DecimalStringSchema.safeParse(text).success).toBe(false);
  });

  it('renders generated values with significant digits', () => {
    expect(formatGeneratedDecimal(64123.456789)).toBe('64123.457');
    expect(formatGeneratedDecimal(0.000012345678)).toBe('0.00001235');
    expect(formatGeneratedDecimal(1.5)).toBe('1.5000000');
  });

  it('turns epoch ms and seconds into UTC instants', () => {
    expect(epochMsToUtc(1767312000000)).toBe('2026-01-02T00:00:00.000Z');
    expect(epochSecondsToUtc(1767312000)).toBe('2026-01-02T00:00:00.000Z');
    expect(() => epochMsToUtc(1.5)).toThrow(RangeError);
  });
});
