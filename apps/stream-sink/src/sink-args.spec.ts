import { describe, expect, it } from 'vitest';
import { parseSinkArgs } from './sink-args.ts';
import { UsageError } from '@ledgerline/config';

describe('parseSinkArgs', () => {
  it('has defaults for every flag', () => {
    expect(parseSinkArgs([])).toEqual({ 'max-batch': 2000, 'stats-interval': 5, concurrency: 2, 'session-timeout': 30 });
  });

  it('reads and validates flags', () => {
    expect(parseSinkArgs(['--max-batch', '50', '--stats-interval', '1', '--concurrency', '3', '--session-timeout', '6'])).toEqual({
      'max-batch': 50,
      'stats-interval': 1,
      concurrency: 3,
      'session-timeout': 6,
    });
    expect(parseSinkArgs(['--metrics-port', '9500'])['metrics-port']).toBe(9500);
    expect(parseSinkArgs(['--metrics-port', '0'])['metrics-port']).toBe(0);
    expect(() => parseSinkArgs(['--metrics-port', '-1'])).toThrow(/--metrics-port/);
    expect(() => parseSinkArgs(['--max-batch', '0'])).toThrow(/--max-batch/);
    expect(() => parseSinkArgs(['--bogus'])).toThrow(UsageError);
  });
});
