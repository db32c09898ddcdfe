import { describe, expect, it } from 'vitest';
import { parsePipelineArgs } from './cli-args.ts';
import { UsageError } from '@ledgerline/config';

describe('parsePipelineArgs', () => {
  it('defaults to serve with a gentle realtime rate', () => {
    expect(parsePipelineArgs([])).toMatchObject({ command: 'serve', rate: 200, customers: 25 });
  });
  it('reads flags in both spellings', () => {
    expect(parsePipelineArgs(['--duration', '30', '--rate=1000'])).toMatchObject({ durationSeconds: 30, rate: 1000 });
    expect(parsePipelineArgs(['status', '--limit', '5'])).toMatchObject({ command: 'status', limit: 5 });
  });
  it('keeps the wall clock unless a fast simulated clock is asked for', () => {
    expect(parsePipelineArgs([]).clock).toBe('wall');
    expect(parsePipelineArgs(['--clock', 'fast']).clock).toBe('fast');
    expect(parsePipelineArgs(['--clock=wall']).clock).toBe('wall');
    expect(() => parsePipelineArgs(['--clock', 'warp'])).toThrow(/clock/);
  });
  it('rejects unknown flags, missing values and out-of-range numbers', () => {
    expect(() => parsePipelineArgs(['--durration', '3'])).toThrow(UsageError);
    expect(() => parsePipelineArgs(['--rate'])).toThrow(/needs a value/);
    expect(() => parsePipelineArgs(['--customers', '0'])).toThrow(/customers/);
    expect(() => parsePipelineArgs(['--duration', 'soon'])).toThrow(/expects a number/);
  });
  it('serves the dashboard unless told not to, on DASHBOARD_PORT unless --dashboard-port says', () => {
    expect(parsePipelineArgs([])).toMatchObject({ dashboard: true });
    expect(parsePipelineArgs([]).dashboardPort).toBeUndefined();
    expect(parsePipelineArgs(['--dashboard-port', '0'])).toMatchObject({ dashboard: true, dashboardPort: 0 });
    expect(parsePipelineArgs(['--no-dashboard'])).toMatchObject({ dashboard: false });
    expect(() => parsePipelineArgs(['--dashboard-port', '70000'])).toThrow(/dashboardPort/);
  });
});
