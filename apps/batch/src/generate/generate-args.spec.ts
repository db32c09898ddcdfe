import { describe, expect, it } from 'vitest';
import { UsageError } from '@ledgerline/config';
import { parseGenerateArgs, previousMonth } from './generate-args.ts';

describe('parseGenerateArgs', () => {
  it('applies defaults and parses every flag', () => {
    expect(parseGenerateArgs([])).toMatchObject({ months: 1, customers: 1_000, formats: ['csv', 'pdf'], json: false });
    expect(parseGenerateArgs(['--month', '2026-10', '--months', '3', '--customers', '5', '--seed', '9', '--start-month', '2026-01', '--formats', 'PDF, pdf', '--out', 'x', '--json'])).toEqual({
      month: '2026-10',
      months: 3,
      customers: 5,
      seed: 9,
      'start-month': '2026-01',
      formats: ['pdf'],
      out: 'x',
      json: true,
    });
  });

  it('reports bad values and unknown flags as usage errors', () => {
    expect(() => parseGenerateArgs(['--month', '2026-13'])).toThrow(/--month: expected YYYY-MM/);
    expect(() => parseGenerateArgs(['--formats', 'csv,xlsx'])).toThrow(UsageError);
    expect(() => parseGenerateArgs(['--customers', '0'])).toThrow(/--customers/);
    expect(() => parseGenerateArgs(['--colour'])).toThrow(UsageError);
  });
});

describe('previousMonth', () => {
  it('is the calendar month before, across a year end', () => {
    expect(previousMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
    expect(previousMonth(new Date('2026-10-31T23:59:59Z'))).toBe('2026-09');
  });
});
