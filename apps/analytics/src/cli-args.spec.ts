import { describe, expect, it } from 'vitest';
import { UsageError } from '@ledgerline/config';
import { parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  it('parses each command with its options', () => {
    expect(parseCliArgs(['sync'])).toEqual({ command: 'sync', full: false });
    expect(parseCliArgs(['sync', '--full'])).toEqual({ command: 'sync', full: true });
    expect(parseCliArgs(['validate', '--from', '2026-01-01', '--to', '2026-01-31'])).toEqual({ command: 'validate', from: '2026-01-01', to: '2026-01-31' });
    expect(parseCliArgs(['stats', '--offline'])).toEqual({ command: 'stats', offline: true });
    expect(parseCliArgs(['query', 'SELECT 1', '--csv', '--max-rows', '5'])).toEqual({ command: 'query', sql: 'SELECT 1', format: 'csv', maxRows: 5 });
    expect(parseCliArgs(['query', 'SELECT 1'])).toMatchObject({ format: 'table', maxRows: 1000 });
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['stats', '--help'])).toEqual({ command: 'help' });
  });

  it('refuses unknown commands, misplaced options and bad values with a readable reason', () => {
    expect(() => parseCliArgs(['rebuild'])).toThrow(/unknown command rebuild/);
    expect(() => parseCliArgs(['stats', '--full'])).toThrow(/stats does not take --full/);
    expect(() => parseCliArgs(['validate', '--from', '2026-02-30'])).toThrow(/--from: expected a date/);
    expect(() => parseCliArgs(['validate', '--from', '2026-03-01', '--to', '2026-02-01'])).toThrow(/after/);
    expect(() => parseCliArgs(['query'])).toThrow(/exactly one SQL statement/);
    expect(() => parseCliArgs(['query', 'SELECT 1', '--json', '--csv'])).toThrow(/one of --json and --csv/);
    expect(() => parseCliArgs(['query', 'SELECT 1', '--max-rows', '0'])).toThrow(/--max-rows/);
    expect(() => parseCliArgs(['sync', '--bogus'])).toThrow(UsageError);
    expect(() => parseCliArgs(['rebuild'])).toThrow(UsageError);
  });
});
