import { describe, expect, it } from 'vitest';
import { formatSummary, summarise } from './seed-summary.ts';

describe('seed summary', () => {
  const result = {
    customers: { inserted: 10, updated: 0, unchanged: 0 },
    accounts: { inserted: 20, updated: 1, unchanged: 2 },
    transactions: { inserted: 1_000, updated: 5, unchanged: 962 },
    balancesChanged: 0,
  };

  it('totals the tables and computes the rate', () => {
    const s = summarise({ seed: 42, startMonth: '2025-11', months: 2 }, result, 2);
    expect(s.total).toEqual({ rows: 2_000, inserted: 1_030, updated: 6, unchanged: 964 });
    expect(s.rows_per_second).toBe(1_000);
    expect(s.start_month).toBe('2025-11');
  });

  it('prints one line per table plus totals and time', () => {
    const text = formatSummary(summarise({ seed: 42, startMonth: '2025-11', months: 2 }, result, 2));
    expect(text).toMatch(/transactions +1,967 +new 1,000, updated 5, unchanged 962/);
    expect(text).toContain('2,000 rows in 2.00 s (1,000 rows/s)');
  });
});
