import { describe, expect, it } from 'vitest';
import { UsageError } from '@ledgerline/config';
import { parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  it('defaults to the scheduled loop over every table', () => {
    expect(parseCliArgs([])).toEqual({ once: false, fullRefresh: false, tables: undefined, help: false });
  });
  it('reads --once, --full-refresh and a table list in either form', () => {
    expect(parseCliArgs(['--once', '--full-refresh', '--tables', 'transactions, accounts'])).toMatchObject({
      once: true,
      fullRefresh: true,
      tables: ['transactions', 'accounts'],
    });
    expect(parseCliArgs(['--tables=customers']).tables).toEqual(['customers']);
  });
  it('reads --metrics-port (0 = off) and refuses a port out of range', () => {
    expect(parseCliArgs(['--metrics-port', '9500']).metricsPort).toBe(9500);
    expect(parseCliArgs(['--metrics-port=0']).metricsPort).toBe(0);
    expect(() => parseCliArgs(['--metrics-port', '70000'])).toThrow(/--metrics-port/);
  });
  it('rejects unknown options and malformed table lists', () => {
    expect(() => parseCliArgs(['--onse'])).toThrow(/onse/);
    expect(() => parseCliArgs(['--tables', ','])).toThrow(/--tables/);
    expect(() => parseCliArgs(['--tables', 'Drop Table'])).toThrow(/snake_case/);
    expect(() => parseCliArgs(['--onse'])).toThrow(UsageError);
    expect(() => parseCliArgs(['--tables', ','])).toThrow(UsageError);
  });
});
