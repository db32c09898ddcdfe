import { describe, expect, it } from 'vitest';
import { METRIC_CATALOG, METRIC_NAMES } from './metric-catalog.ts';
import { isoDaySchema, monthBounds } from './metric-filters.ts';
import { kpisParamsSchema, spendByPeriodParamsSchema, topMerchantsParamsSchema } from './metric-params.ts';
import { decimalToCents, decimalToMoney, percentChange, toCount } from './money-text.ts';

describe('database decimals to money', () => {
  it('reads every spelling a driver returns, exactly', () => {
    expect(decimalToCents('12.3')).toBe(1230n);
    expect(decimalToCents('12.30')).toBe(1230n);
    expect(decimalToCents('-0.05')).toBe(-5n);
    expect(decimalToCents('7')).toBe(700n);
    expect(decimalToCents('7.000')).toBe(700n);
    expect(decimalToCents(42n)).toBe(4200n);
    expect(decimalToMoney('123456789012.5')).toBe('123456789012.50');
  });

  it('refuses sub-cent digits and non-numbers instead of rounding them away', () => {
    expect(() => decimalToCents('1.005')).toThrow(RangeError);
    expect(() => decimalToCents(1.5)).toThrow(TypeError);
    expect(() => decimalToCents('1e3')).toThrow(TypeError);
    expect(() => toCount('-1')).toThrow(TypeError);
    expect(toCount(5n)).toBe(5);
    expect(toCount('12')).toBe(12);
  });

  it('computes percent change from cents, rounded to 2 decimals, null without a base', () => {
    expect(percentChange(150n, 100n)).toBe(50);
    expect(percentChange(100n, 300n)).toBe(-66.67);
    expect(percentChange(200n, 300n)).toBe(-33.33);
    expect(percentChange(1n, 3n)).toBe(-66.67);
    expect(percentChange(5n, 0n)).toBeNull();
    expect(percentChange(0n, 7n)).toBe(-100);
  });
});

describe('params', () => {
  it('validates calendar days and months', () => {
    expect(isoDaySchema.safeParse('2026-02-28').success).toBe(true);
    expect(isoDaySchema.safeParse('2026-02-29').success).toBe(false);
    expect(isoDaySchema.safeParse('2026-2-1').success).toBe(false);
    expect(monthBounds('2026-01')).toEqual({ previousStart: '2025-12-01', start: '2026-01-01', nextStart: '2026-02-01', previous: '2025-12' });
    expect(monthBounds('2026-12').nextStart).toBe('2027-01-01');
  });

  it('applies defaults and refuses unknown keys and reversed ranges', () => {
    expect(topMerchantsParamsSchema.parse({})).toEqual({ limit: 10 });
    expect(spendByPeriodParamsSchema.safeParse({ grain: 'day', merchant: 'x' }).success).toBe(false);
    expect(spendByPeriodParamsSchema.safeParse({ grain: 'day', from: '2026-02-01', to: '2026-01-01' }).success).toBe(false);
    expect(kpisParamsSchema.safeParse({ month: '2026-01', from: '2026-01-01' }).success).toBe(false);
  });

  it('catalogues every metric with a description and a schema', () => {
    expect(METRIC_NAMES).toHaveLength(13);
    for (const name of METRIC_NAMES) expect(METRIC_CATALOG[name].description.length).toBeGreaterThan(10);
  });
});
