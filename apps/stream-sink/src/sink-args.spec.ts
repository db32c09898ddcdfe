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
    expect(() => parseSinkArgs(['--max-batch', '0'])).toThrow(/--max-batch/);
    expect(() => parseSinkArgs(['--bogus'])).toThrow(UsageError);
  });
});
