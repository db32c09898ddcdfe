import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.ts';
import { UsageError } from '@ledgerline/config';

describe('parseCliArgs', () => {
  it('reads ask with its options, the question from the remaining words', () => {
    expect(parseCliArgs(['ask', 'How much did C-000042 spend?', '--json', '--session', 's-1', '--today', '2026-10-15'])).toEqual({
      command: 'ask',
      question: 'How much did C-000042 spend?',
      session: 's-1',
      today: '2026-10-15',
      json: true,
    });
    expect(parseCliArgs(['ask', 'top', 'merchants'])).toMatchObject({ question: 'top merchants', json: false });
  });

  it('reads chat and index', () => {
    expect(parseCliArgs(['chat', '--session', 'abc'])).toEqual({ command: 'chat', session: 'abc' });
    expect(parseCliArgs(['index', '--rebuild', '--kinds', 'merchant,category', '--months', '3'])).toEqual({
      command: 'index',
      rebuild: true,
      kinds: ['merchant', 'category'],
      months: 3,
      json: false,
    });
  });

  it('answers help for no command or --help', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['ask', '--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['ask']],
    [['ask', 'q', '--session', '../etc/passwd']],
    [['ask', 'q', '--today', '2026-13-01']],
    [['index', '--kinds', 'everything']],
    [['serve']],
    [['ask', 'q', '--bogus']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
  });
});
