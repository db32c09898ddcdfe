import { describe, expect, it } from 'vitest';
import { UsageError } from '@ledgerline/config';
import { defaultStartMonth, parseSeedArgs } from './seed-args.ts';

describe('parseSeedArgs', () => {
  it('applies defaults and coerces numbers', () => {
    expect(parseSeedArgs([])).toEqual({ customers: 1_000, months: 12, 'chunk-size': 10_000, json: false });
    expect(parseSeedArgs(['--customers', '25', '--months', '3', '--seed', '7', '--start-month', '2025-11', '--json'])).toEqual({
      customers: 25,
      months: 3,
      seed: 7,
      'start-month': '2025-11',
      'chunk-size': 10_000,
      json: true,
    });
  });

  it('names every bad flag', () => {
    expect(() => parseSeedArgs(['--customers', '0', '--start-month', '2025-13'])).toThrow(UsageError);
    expect(() => parseSeedArgs(['--customers', '0', '--start-month', '2025-13'])).toThrow(/--customers[\s\S]*--start-month/);
    expect(() => parseSeedArgs(['--frobnicate'])).toThrow(UsageError);
  });
});

describe('defaultStartMonth', () => {
  it('starts `months` months before the current month, across year ends', () => {
    expect(defaultStartMonth(12, new Date('2026-03-15T10:00:00Z'))).toBe('2025-03');
    expect(defaultStartMonth(1, new Date('2026-01-01T00:00:00Z'))).toBe('2025-12');
  });
});
