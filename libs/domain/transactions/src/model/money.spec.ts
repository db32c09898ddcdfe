import { describe, expect, it } from 'vitest';
import { addMoney, fromCents, positiveMoneySchema, toCents } from './money.ts';

describe('money', () => {
  it('round-trips decimal strings through integer cents', () => {
    for (const v of ['0.00', '0.01', '12.30', '-45.07', '9999999999999.99']) expect(fromCents(toCents(v))).toBe(v);
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
