import { describe, expect, it } from 'vitest';
import { periodsBetween, periodStart } from './category-series.ts';

describe('category series periods', () => {
  it('starts weeks on Monday and months on the first', () => {
    expect(periodStart('2026-03-01', 'week')).toBe('2026-02-23');
    expect(periodStart('2026-03-02', 'week')).toBe('2026-03-02');
    expect(periodStart('2026-03-31', 'month')).toBe('2026-03-01');
  });

  it('lists every period of the range, across a year end, gaps included', () => {
    expect(periodsBetween('2025-11-15', '2026-02-03', 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect(periodsBetween('2026-01-01', '2026-01-20', 'week')).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19']);
  });
});
