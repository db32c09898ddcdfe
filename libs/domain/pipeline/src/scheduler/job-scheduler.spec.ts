import { describe, expect, it } from 'vitest';
import { JobScheduler, type JobRun } from './job-scheduler.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('JobScheduler', () => {
  it('never overlaps a job with itself and records each run', async () => {
    const gate = deferred();
    let started = 0;
    const runs: JobRun[] = [];
    const scheduler = new JobScheduler(
      [{ name: 'sync', everyMs: 60_000, run: async () => { started += 1; await gate.promise; return 7; } }],
      (run) => void runs.push(run),
    );
    const first = scheduler.trigger('sync');
    const second = scheduler.trigger('sync');
    expect(second).toBe(first);
    expect(started).toBe(1);
    expect(scheduler.skippedCount('sync')).toBe(1);
    gate.resolve();
    await first;
    expect(runs).toEqual([expect.objectContaining({ job: 'sync', rows: 7, status: 'ok' })]);
    await scheduler.trigger('sync');
    expect(started).toBe(2);
    await scheduler.stop();
  });

  it('records failures with the error and keeps scheduling', async () => {
    const runs: JobRun[] = [];
    let calls = 0;
    const scheduler = new JobScheduler(
      [{ name: 'dbt', everyMs: 5, run: async () => { calls += 1; if (calls === 1) throw new Error('test not_null failed'); return 1; } }],
      (run) => void runs.push(run),
    );
    scheduler.start();
    await new Promise((r) => setTimeout(r, 60));
    await scheduler.stop();
    expect(runs[0]).toMatchObject({ status: 'failed', error: 'test not_null failed' });
    expect(runs.some((r) => r.status === 'ok')).toBe(true);
  });

  it('stop() signals running jobs and waits for them', async () => {
    let sawAbort = false;
    const scheduler = new JobScheduler([
      {
        name: 'long',
        everyMs: 60_000,
        run: (signal) =>
          new Promise<number>((resolve) => signal.addEventListener('abort', () => { sawAbort = true; resolve(0); })),
      },
    ]);
    void scheduler.trigger('long');
    await scheduler.stop();
    expect(sawAbort).toBe(true);
    expect(scheduler.isRunning('long')).toBe(false);
    expect(scheduler.trigger('long')).toBeUndefined();
  });
});
