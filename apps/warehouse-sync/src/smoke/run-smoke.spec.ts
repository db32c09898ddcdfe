import { describe, expect, it } from 'vitest';
import { formatSmokeReport, runSmoke, type SmokeStep } from './run-smoke.ts';

// The orchestration alone, with recording steps: whatever fails, the cleanup (dropping the
// scratch schemas) runs, later steps do not, and the report says which step and why.
const ran: string[] = [];
const step = (name: string, outcome: string | Error = `${name} done`): SmokeStep => ({
  name,
  run: async () => {
    ran.push(name);
    if (outcome instanceof Error) throw outcome;
    return outcome;
  },
});
const names = ['generate', 'create', 'sync', 'dbt', 'compare'];

describe('runSmoke', () => {
  it('runs every step, then the cleanup, and passes', async () => {
    ran.length = 0;
    const report = await runSmoke(names.map((n) => step(n)), step('drop'));
    expect(ran).toEqual([...names, 'drop']);
    expect(report.passed).toBe(true);
    expect(report.steps.map((s) => s.status)).toEqual(names.map(() => 'passed'));
  });

  it.each(names.map((failing, index) => [failing, index] as const))('when %s fails: later steps skipped, cleanup still runs', async (failing, index) => {
    ran.length = 0;
    const report = await runSmoke(
      names.map((n) => step(n, n === failing ? new Error(`${n} broke`) : undefined)),
      step('drop'),
    );
    expect(ran).toEqual([...names.slice(0, index + 1), 'drop']);
    expect(report.passed).toBe(false);
    expect(report.steps[index]).toMatchObject({ status: 'failed', detail: `${failing} broke` });
    expect(report.steps.slice(index + 1).every((s) => s.status === 'skipped' && s.detail === `${failing} failed`)).toBe(true);
    expect(report.cleanup.status).toBe('passed');
  });

  it('fails the run when only the cleanup fails (a schema left behind is a failure)', async () => {
    const report = await runSmoke([step('generate')], step('drop', new Error('still there after DROP: X_RAW')));
    expect(report.passed).toBe(false);
    expect(formatSmokeReport(report, 'heading')).toContain('FAIL drop');
  });

  it('skips what is left once aborted, and still cleans up', async () => {
    ran.length = 0;
    const controller = new AbortController();
    const abortAfterFirst: SmokeStep = { name: 'generate', run: async () => (controller.abort(), 'ok') };
    const report = await runSmoke([abortAfterFirst, step('create'), step('sync')], step('drop'), { signal: controller.signal });
    expect(ran).toEqual(['drop']);
    expect(report.steps.map((s) => s.status)).toEqual(['passed', 'skipped', 'skipped']);
    expect(report.steps[1]?.detail).toBe('the run was interrupted');
    expect(report.passed).toBe(false);
  });

  it('prints one line per step, multi-line reasons indented, and the verdict', async () => {
    const report = await runSmoke([step('generate'), step('dbt', new Error('2 node(s) failed\nfail: test.a\nerror: model.b'))], step('drop', 'dropped 3'), {
      now: () => 0,
    });
    expect(formatSmokeReport(report, 'snowflake-smoke: account x').split('\n')).toEqual([
      'snowflake-smoke: account x',
      '  ok   generate (0.0s): generate done',
      '  FAIL dbt (0.0s): 2 node(s) failed',
      '         fail: test.a',
      '         error: model.b',
      '  ok   drop (0.0s): dropped 3',
      'snowflake-smoke FAILED (see the step marked FAIL).',
    ]);
  });
});
