import { describe, expect, it } from 'vitest';
import { parseCdcArgs } from './cdc-args.ts';

describe('parseCdcArgs', () => {
  it('serves by default and takes the maintenance commands', () => {
    expect(parseCdcArgs([])).toEqual({ command: 'serve', 'max-batch': 2_000, 'stats-interval': 5 });
    expect(parseCdcArgs(['status']).command).toBe('status');
    expect(parseCdcArgs(['drop-slot']).command).toBe('drop-slot');
    expect(parseCdcArgs(['land', '--stats-interval', '0'])).toMatchObject({ command: 'land', 'stats-interval': 0 });
    expect(parseCdcArgs(['load']).command).toBe('load');
    expect(parseCdcArgs(['--max-batch', '50'])['max-batch']).toBe(50);
  });

  it('refuses unknown commands and options with the reason', () => {
    expect(() => parseCdcArgs(['drop'])).toThrow(/unknown command "drop"/);
    expect(() => parseCdcArgs(['status', 'drop-slot'])).toThrow(/one command at a time/);
    expect(() => parseCdcArgs(['--max-batch', '0'])).toThrow(/--max-batch/);
    expect(() => parseCdcArgs(['--fast'])).toThrow(/Unknown option/);
  });
});
