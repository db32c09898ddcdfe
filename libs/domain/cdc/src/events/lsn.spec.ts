import { describe, expect, it } from 'vitest';
import { formatLsn, lsnToNumber, parseLsn } from './lsn.ts';

describe('LSN', () => {
  it('parses both hex halves into one 64-bit position and writes it back', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(1n << 32n);
    expect(formatLsn(parseLsn('A/FF00ab'))).toBe('A/FF00AB');
  });

  it('orders positions across the 32-bit boundary', () => {
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('refuses text that is not an LSN', () => {
    expect(() => parseLsn('16B3748')).toThrow(/not a PostgreSQL LSN/);
    expect(() => parseLsn('0/123456789')).toThrow(/not a PostgreSQL LSN/);
  });

  it('refuses a number form that would lose precision', () => {
    expect(lsnToNumber(parseLsn('0/10'))).toBe(16);
    expect(() => lsnToNumber(parseLsn('FFFFFFFF/0'))).toThrow(/2\^53/);
  });
});
