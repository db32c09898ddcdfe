import { describe, expect, it } from 'vitest';
import { microsToIso, quoteIdentifier, quoteLiteral } from './sql-text.ts';

describe('sql text helpers', () => {
  it('formats epoch microseconds as ISO UTC keeping microseconds, before 1970 too', () => {
    expect(microsToIso(1_791_015_300_123_456n)).toBe('2026-10-03T08:15:00.123456Z');
    expect(microsToIso(0n)).toBe('1970-01-01T00:00:00.000000Z');
    expect(microsToIso(-1n)).toBe('1969-12-31T23:59:59.999999Z');
  });
  it('quotes identifiers and literals', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteLiteral("o'brien")).toBe("'o''brien'");
  });
});
