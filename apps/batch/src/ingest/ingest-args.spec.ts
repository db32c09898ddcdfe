import { describe, expect, it } from 'vitest';
import { UsageError } from '@ledgerline/config';
import { parseIngestArgs } from './ingest-args.ts';

describe('parseIngestArgs', () => {
  it('applies defaults and parses every flag', () => {
    expect(parseIngestArgs([])).toEqual({ watch: false, 'chunk-size': 10_000, 'stable-ms': 1_000, 'incomplete-ms': 300_000, 'rescan-ms': 10_000, json: false });
    expect(parseIngestArgs(['--watch', '--dir', 'in', '--profile', 'p.yaml', '--account', 'A-1', '--currency', 'GBP', '--chunk-size', '1000', '--stable-ms', '0', '--incomplete-ms', '5000'])).toMatchObject({
      'incomplete-ms': 5_000,
      watch: true,
      dir: 'in',
      profile: 'p.yaml',
      account: 'A-1',
      currency: 'GBP',
      'chunk-size': 1_000,
      'stable-ms': 0,
    });
  });

  it('reports bad values and unknown flags as usage errors', () => {
    expect(() => parseIngestArgs(['--currency', 'euro'])).toThrow(/--currency: expected an ISO 4217 code/);
    expect(() => parseIngestArgs(['--chunk-size', '10'])).toThrow(/--chunk-size/);
    expect(() => parseIngestArgs(['--dir'])).toThrow(UsageError);
    expect(() => parseIngestArgs(['incoming'])).toThrow(UsageError);
  });
});
