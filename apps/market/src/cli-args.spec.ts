import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.ts';

describe('market CLI arguments', () => {
  it('parses a backfill with dates, intervals and symbols', () => {
    expect(parseCliArgs(['backfill', '--from', '2025-01-01', '--to', '2025-02-01T12:00:00Z', '--intervals', '1d,1h', '--symbols', 'btc,AAPL', '--no-news'])).toEqual({
      command: 'backfill',
      from: '2025-01-01T00:00:00.000Z',
      to: '2025-02-01T12:00:00.000Z',
      intervals: ['1d', '1h'],
      symbols: ['BTC', 'AAPL'],
      news: false,
    });
  });

  it('refuses what it cannot honour, saying why', () => {
    expect(() => parseCliArgs(['backfill', '--to', '2025-01-01'])).toThrow('--from is required');
    expect(() => parseCliArgs(['backfill', '--from', '2025-02-01', '--to', '2025-01-01'])).toThrow(/must be before/);
    expect(() => parseCliArgs(['backfill', '--from', '2025-01-01T00:00:00', '--to', '2025-02-01'])).toThrow(/with a zone/);
    expect(() => parseCliArgs(['backfill', '--from', '2025-01-01', '--to', '2025-02-01', '--intervals', '4h'])).toThrow(/4h is not one of/);
    expect(() => parseCliArgs(['stream', '--symbols', 'BTC,NOPE'])).toThrow('--symbols: not in the asset list: NOPE');
    expect(() => parseCliArgs(['stream', '--rounds', '0'])).toThrow(/positive integer/);
    expect(() => parseCliArgs(['trade'])).toThrow('unknown command trade');
    expect(() => parseCliArgs([])).toThrow(/name a command/);
    expect(() => parseCliArgs(['sources', '--verbose'])).toThrow(/verbose/);
  });

  it('knows --help and -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['sources', '-h'])).toEqual({ command: 'help' });
  });
});
