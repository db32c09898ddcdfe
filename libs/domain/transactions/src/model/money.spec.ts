import { describe, expect, it } from 'vitest';
import { addMoney, fromCents, positiveMoneySchema, toCents } from './money.ts';

describe('money', () => {
  it('round-trips decimal strings through integer cents', () => {
    for (const v of ['0.00', '0.01', '12.30', '-45.07', '9999999999999.99']) expect(fromCents(toCents(v))).toBe(v);
  });
  it('formats cents identically on both sides of 2^53 (fast number path vs bigint path)', () => {
    expect(fromCents(0n)).toBe('0.00');
    expect(fromCents(5n)).toBe('0.05');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(fromCents(-100n)).toBe('-1.00');
    expect(fromCents(9_007_199_254_740_991n)).toBe('90071992547409.91');
    expect(fromCents(9_007_199_254_740_993n)).toBe('90071992547409.93');
    expect(fromCents(-9_007_199_254_740_993n)).toBe('-90071992547409.93');
  });
  it('adds without float error', () => {
    expect(addMoney('0.10', '0.20')).toBe('0.30');
    expect(addMoney('100.00', '-100.01')).toBe('-0.01');
  });
  it('rejects non-money and non-positive amounts', () => {
    expect(() => toCents('1.5')).toThrow(RangeError);
    expect(positiveMoneySchema.safeParse('0.00').success).toBe(false);
    expect(positiveMoneySchema.safeParse('12.3').success).toBe(false);
    expect(positiveMoneySchema.safeParse('12.30').success).toBe(true);
  });
});
