import { describe, expect, it } from 'vitest';
import { UsageError } from '@ledgerline/config';
import { parseFlowsArgs } from './flows-args.ts';

describe('parseFlowsArgs', () => {
  it('reads each command with its defaults', () => {
    expect(parseFlowsArgs(['list'])).toEqual({ sub: 'list' });
    expect(parseFlowsArgs(['run', 'warehouse-sync'])).toEqual({ sub: 'run', flow: 'warehouse-sync', queueOnly: false, timeoutSeconds: 3600 });
    expect(parseFlowsArgs(['history'])).toEqual({ sub: 'history', limit: 20 });
    expect(parseFlowsArgs(['history', 'market-prices', '--limit', '5'])).toEqual({ sub: 'history', flow: 'market-prices', limit: 5 });
    expect(parseFlowsArgs(['backfill', 'market-prices', '--from', '2026-11-01', '--to', '2026-11-03', '--queue-only'])).toEqual({
      sub: 'backfill', flow: 'market-prices', from: '2026-11-01', to: '2026-11-03', queueOnly: true, timeoutSeconds: 3600,
    });
  });
  it('refuses what it cannot honour, saying what is missing', () => {
    expect(() => parseFlowsArgs([])).toThrow(/needs a command: list, run, history or backfill/);
    expect(() => parseFlowsArgs(['start'])).toThrow("unknown flows command 'start'");
    expect(() => parseFlowsArgs(['run'])).toThrow(/needs a flow name/);
    expect(() => parseFlowsArgs(['backfill', 'market-prices', '--from', '2026-11-01'])).toThrow(/--from YYYY-MM-DD and --to YYYY-MM-DD/);
    expect(() => parseFlowsArgs(['history', '--limit', '0'])).toThrow(/--limit must be a whole number from 1 to 1000/);
    expect(() => parseFlowsArgs(['run', 'a', 'b'])).toThrow("unexpected argument 'b'");
    expect(() => parseFlowsArgs(['list', '--since', 'x'])).toThrow(UsageError);
  });
});
