import { describe, expect, it } from 'vitest';
import { dailyIntervals } from './backfill-intervals.ts';
import { validateFlowDefinitions, type FlowDefinition } from './flow-definition.ts';

describe('dailyIntervals', () => {
  it('gives one UTC day per interval, both ends included, across a month end', () => {
    expect(dailyIntervals('2026-02-27', '2026-03-01')).toEqual([
      { start: '2026-02-27', end: '2026-02-28' },
      { start: '2026-02-28', end: '2026-03-01' },
      { start: '2026-03-01', end: '2026-03-02' },
    ]);
  });
  it('refuses impossible dates, reversed ranges and absurd lengths with the reason', () => {
    expect(() => dailyIntervals('2026-02-30', '2026-03-01')).toThrow("--from '2026-02-30' is not a date");
    expect(() => dailyIntervals('2026-03-02', '2026-03-01')).toThrow('--to 2026-03-01 is before --from 2026-03-02');
    expect(() => dailyIntervals('2000-01-01', '2026-01-01')).toThrow(/more than 3660/);
  });
});

describe('validateFlowDefinitions', () => {
  const flow = (over: Partial<FlowDefinition>): FlowDefinition => ({
    name: 'warehouse-sync', description: '', retry: { limit: 2, delaySeconds: 1, backoff: true }, missed: 'skip', timeoutSeconds: 60,
    run: async () => ({ rows: 0 }), ...over,
  });
  it('accepts a sound definition and refuses duplicates, bad names, bad cron and bad retries', () => {
    expect(() => validateFlowDefinitions([flow({ schedule: '*/5 * * * *' })])).not.toThrow();
    expect(() => validateFlowDefinitions([flow({}), flow({})])).toThrow("flow 'warehouse-sync' is defined twice");
    expect(() => validateFlowDefinitions([flow({ name: 'Warehouse Sync' })])).toThrow(/lower-case/);
    expect(() => validateFlowDefinitions([flow({ schedule: 'every 5 minutes' })])).toThrow(/five-field cron/);
    expect(() => validateFlowDefinitions([flow({ retry: { limit: -1, delaySeconds: 1, backoff: false } })])).toThrow(/retry.limit/);
    expect(() => validateFlowDefinitions([flow({ everySeconds: 5 })])).not.toThrow();
    expect(() => validateFlowDefinitions([flow({ everySeconds: 0.5 })])).toThrow(/everySeconds must be a whole number/);
    expect(() => validateFlowDefinitions([flow({ everySeconds: 5, schedule: '* * * * *' })])).toThrow(/not both/);
  });
});
