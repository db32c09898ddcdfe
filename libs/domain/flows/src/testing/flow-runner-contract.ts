import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDefinition, FlowInterval, FlowRunContext } from '../flow-definition.ts';
import type { FlowRunner, FlowRunRecord } from '../flow-runner.port.ts';

/** A fresh, empty store per test; `runner()` may be called twice for a second worker on it. */
export interface FlowRunnerStore {
  runner(): Promise<FlowRunner>;
  drop(): Promise<void>;
}

export interface FlowRunnerContractOptions {
  newStore(): Promise<FlowRunnerStore>;
  /** Several runner processes may share one store (a job library on Postgres). */
  multipleWorkers: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForRuns(runner: FlowRunner, flow: string, done: (runs: FlowRunRecord[]) => boolean, timeoutMs = 30_000): Promise<FlowRunRecord[]> {
  const deadline = Date.now() + timeoutMs;
  let runs: FlowRunRecord[] = [];
  while (Date.now() < deadline) {
    runs = await runner.history({ flow, limit: 100 });
    if (done(runs)) return runs;
    await sleep(200);
  }
  throw new Error(`timed out; history of ${flow}: ${JSON.stringify(runs.map((r) => ({ state: r.state, attempts: r.attempts, error: r.error })))}`);
}

const settled = (r: FlowRunRecord) => r.state === 'succeeded' || r.state === 'failed' || r.state === 'cancelled';

function flow(name: string, run: (context: FlowRunContext) => Promise<{ rows: number }>, over: Partial<FlowDefinition> = {}): FlowDefinition {
  return { name, description: `contract flow ${name}`, retry: { limit: 0, delaySeconds: 1, backoff: false }, missed: 'skip', timeoutSeconds: 60, run, ...over };
}

/** The guarantees of the FlowRunner port, run against each implementation. */
export function describeFlowRunnerContract(name: string, options: FlowRunnerContractOptions): void {
  describe(`FlowRunner contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    async function open(): Promise<{ store: FlowRunnerStore; runner: () => Promise<FlowRunner> }> {
      const store = await options.newStore();
      cleanups.push(() => store.drop());
      const runner = async () => {
        const r = await store.runner();
        cleanups.push(() => r.stop());
        return r;
      };
      return { store, runner };
    }

    it('runs a triggered flow once and records its rows, attempts and times', async () => {
      const { runner } = await open();
      const r = await runner();
      let calls = 0;
      await r.start([flow('contract-once', async () => {
        calls += 1;
        return { rows: 7 };
      })]);
      const id = await r.trigger('contract-once');
      const [run] = await waitForRuns(r, 'contract-once', (runs) => runs.some((x) => x.id === id && settled(x)));
      expect(run).toMatchObject({ id, flow: 'contract-once', state: 'succeeded', attempts: 1, rows: 7 });
      expect(run?.startedAt && run.finishedAt && run.startedAt <= run.finishedAt).toBe(true);
      expect(calls).toBe(1);
    });

    it('retries a failing run with backoff, and ends it failed with the error once retries run out', async () => {
      const { runner } = await open();
      const r = await runner();
      const attemptsSeen: number[] = [];
      const startedAt: number[] = [];
      await r.start([
        flow('contract-flaky', async (ctx) => {
          attemptsSeen.push(ctx.attempt);
          startedAt.push(Date.now());
          if (ctx.attempt < 3) throw new Error(`transient failure ${ctx.attempt}`);
          return { rows: 1 };
        }, { retry: { limit: 3, delaySeconds: 1, backoff: true } }),
        flow('contract-broken', async () => {
          throw new Error('the source is gone');
        }, { retry: { limit: 1, delaySeconds: 1, backoff: false } }),
      ]);
      const flaky = await r.trigger('contract-flaky');
      const broken = await r.trigger('contract-broken');
      const [ok] = await waitForRuns(r, 'contract-flaky', (runs) => runs.some((x) => x.id === flaky && settled(x)));
      expect(ok).toMatchObject({ state: 'succeeded', attempts: 3, rows: 1 });
      expect(attemptsSeen).toEqual([1, 2, 3]);
      // At least the configured delay between attempts (the policy's, not an immediate re-run).
      expect((startedAt[1] ?? 0) - (startedAt[0] ?? 0)).toBeGreaterThanOrEqual(900);
      expect((startedAt[2] ?? 0) - (startedAt[1] ?? 0)).toBeGreaterThanOrEqual(900);
      const [failed] = await waitForRuns(r, 'contract-broken', (runs) => runs.some((x) => x.id === broken && settled(x)));
      expect(failed).toMatchObject({ state: 'failed', attempts: 2 });
      expect(failed?.error).toContain('the source is gone');
    });

    it('never runs two of one flow at once: later runs wait for the running one', async () => {
      const { runner } = await open();
      const r = await runner();
      let active = 0;
      let maxActive = 0;
      await r.start([
        flow('contract-slow', async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await sleep(700);
          active -= 1;
          return { rows: 1 };
        }),
      ]);
      const ids = [await r.trigger('contract-slow'), await r.trigger('contract-slow'), await r.trigger('contract-slow')];
      const runs = await waitForRuns(r, 'contract-slow', (all) => ids.every((id) => all.some((x) => x.id === id && settled(x))));
      expect(runs.filter((x) => ids.includes(x.id)).map((x) => x.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect(maxActive).toBe(1);
    });

    it('a run request while the flow runs queues one run behind it; a second one while that waits creates none', async () => {
      const { runner } = await open();
      const r = await runner();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      await r.start([
        flow('contract-manual', async () => {
          calls += 1;
          if (calls === 1) await held;
          return { rows: calls };
        }),
      ]);
      const first = await r.requestRun('contract-manual');
      expect(first).toMatchObject({ outcome: 'queued' });
      expect(first.outcome === 'queued' && first.behind).toBeFalsy();
      const firstId = first.outcome === 'queued' ? first.runId : '';
      await waitForRuns(r, 'contract-manual', (runs) => runs.some((x) => x.id === firstId && x.state === 'running'));
      const second = await r.requestRun('contract-manual');
      expect(second).toMatchObject({ outcome: 'queued', behind: { id: firstId, state: 'running' } });
      const secondId = second.outcome === 'queued' ? second.runId : '';
      const third = await r.requestRun('contract-manual');
      expect(third).toMatchObject({ outcome: 'already-waiting', waiting: { id: secondId, state: 'queued' }, running: { id: firstId } });
      // Concurrent requests of one process queue at most one run between them.
      const [a, b] = await Promise.all([r.requestRun('contract-manual'), r.requestRun('contract-manual')]);
      expect([a.outcome, b.outcome]).toEqual(['already-waiting', 'already-waiting']);
      release();
      const runs = await waitForRuns(r, 'contract-manual', (all) => all.length >= 2 && all.every(settled));
      expect(runs.map((x) => [x.id, x.state, x.rows])).toEqual([[secondId, 'succeeded', 2], [firstId, 'succeeded', 1]]);
      await expect(r.requestRun('no-such-flow')).rejects.toThrow(/unknown flow 'no-such-flow'/);
    });

    it('backfills one run per day, and a second backfill of the same days creates none', async () => {
      const { runner } = await open();
      const r = await runner();
      const seen: FlowInterval[] = [];
      await r.start([
        flow('contract-daily', async (ctx) => {
          if (ctx.interval) seen.push(ctx.interval);
          return { rows: 10 };
        }, { backfillable: true }),
        flow('contract-latest', async () => ({ rows: 0 })),
      ]);
      await expect(r.backfill('contract-latest', '2026-11-28', '2026-11-30')).rejects.toThrow(/'contract-latest' .*not backfillable/);
      expect(await r.backfill('contract-daily', '2026-11-28', '2026-11-30')).toEqual({ queued: 3, existing: 0 });
      expect(await r.backfill('contract-daily', '2026-11-28', '2026-12-01')).toEqual({ queued: 1, existing: 3 });
      const runs = await waitForRuns(r, 'contract-daily', (all) => all.length === 4 && all.every(settled));
      expect(runs.every((x) => x.state === 'succeeded' && x.rows === 10)).toBe(true);
      expect(seen.map((i) => i.start).sort()).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
      expect(await r.backfill('contract-daily', '2026-11-28', '2026-12-01')).toEqual({ queued: 0, existing: 4 });
      await sleep(1500);
      expect(seen).toHaveLength(4);
    });

    it('lists history newest first, so a long-lived flow shows its latest runs', async () => {
      const { runner } = await open();
      const r = await runner();
      let n = 0;
      await r.start([flow('contract-many', async () => ({ rows: ++n }))]);
      const ids: string[] = [];
      for (let i = 0; i < 4; i += 1) {
        const id = await r.trigger('contract-many');
        ids.push(id);
        await waitForRuns(r, 'contract-many', (runs) => runs.some((x) => x.id === id && settled(x)));
      }
      const latest = await r.history({ flow: 'contract-many', limit: 2 });
      expect(latest.map((x) => x.id)).toEqual([ids[3], ids[2]]);
      expect(latest.map((x) => x.rows)).toEqual([4, 3]);
      expect((await r.history({ limit: 3 })).map((x) => x.id)).toEqual([ids[3], ids[2], ids[1]]);
    });

    it('runs an everySeconds flow repeatedly; a run longer than the interval delays the next, none pile up', async () => {
      const { runner } = await open();
      const r = await runner();
      let active = 0;
      let maxActive = 0;
      let calls = 0;
      await r.start([
        flow('contract-ticker', async () => {
          calls += 1;
          active += 1;
          maxActive = Math.max(maxActive, active);
          await sleep(calls === 1 ? 3500 : 50);
          active -= 1;
          return { rows: 1 };
        }, { everySeconds: 1 }),
      ]);
      // While the first run takes 3.5 s (3.5 intervals), at most one more run waits behind it.
      await sleep(3000);
      const during = await r.history({ flow: 'contract-ticker', limit: 100 });
      expect(during.filter((x) => x.state === 'running')).toHaveLength(1);
      expect(during.filter((x) => x.state === 'queued').length).toBeLessThanOrEqual(1);
      await waitForRuns(r, 'contract-ticker', (runs) => runs.filter((x) => x.state === 'succeeded').length >= 3);
      expect(maxActive).toBe(1);
    });

    it('registers cron schedules and refuses an unknown flow by name', async () => {
      const { runner } = await open();
      const r = await runner();
      await r.start([flow('contract-nightly', async () => ({ rows: 0 }), { schedule: '0 3 * * *' })]);
      expect(await r.schedules()).toEqual([{ flow: 'contract-nightly', cron: '0 3 * * *' }]);
      await expect(r.trigger('no-such-flow')).rejects.toThrow(/unknown flow 'no-such-flow' \(known: contract-nightly\)/);
    });

    if (options.multipleWorkers) {
      it('with two workers on one store, executes each run once', async () => {
        const { runner } = await open();
        const [a, b] = [await runner(), await runner()];
        const executions: string[] = [];
        const definition = (worker: string) => flow('contract-shared', async (ctx) => {
          executions.push(`${ctx.interval?.start}@${worker}`);
          await sleep(100);
          return { rows: 1 };
        }, { backfillable: true });
        await a.start([definition('a')]);
        await b.start([definition('b')]);
        await a.backfill('contract-shared', '2026-11-01', '2026-11-10');
        await waitForRuns(a, 'contract-shared', (all) => all.length === 10 && all.every(settled));
        const days = executions.map((e) => e.split('@')[0]);
        expect(days.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`));
      });
    }
  });
}
