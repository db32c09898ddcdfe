import { afterEach, describe, expect, it } from 'vitest';
import type { FlowDefinition, FlowRunRecord } from '@ledgerline/flows';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { PgBossFlowControl } from './pg-boss-flow-control.ts';
import { PgBossFlowRunner } from './pg-boss-flow-runner.ts';

// The job store seen from a process that runs no flows (the standalone dashboard on PostgreSQL):
// what the workers registered, their history, and run requests the workers then execute.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function store(): Promise<{ db: TestDatabase; worker: () => PgBossFlowRunner; control: () => PgBossFlowControl }> {
  const db = await createTestDatabase('flow_control');
  cleanups.push(() => db.drop());
  return {
    db,
    worker: () => {
      const runner = new PgBossFlowRunner({ connectionString: db.url, pollingIntervalSeconds: 0.5 });
      cleanups.push(() => runner.stop());
      return runner;
    },
    control: () => {
      const control = new PgBossFlowControl({ connectionString: db.url });
      cleanups.push(() => control.close());
      return control;
    },
  };
}

async function until(read: () => Promise<FlowRunRecord[]>, done: (runs: FlowRunRecord[]) => boolean): Promise<FlowRunRecord[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const runs = await read();
    if (done(runs)) return runs;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(runs)}`);
    await sleep(200);
  }
}

const base = { retry: { limit: 1, delaySeconds: 2, backoff: true }, missed: 'once' as const, timeoutSeconds: 120 };

describe('PgBossFlowControl on PostgreSQL', () => {
  it('knows no flows before a worker registered any, then exactly what the workers run (without `run`)', async () => {
    const { worker, control } = await store();
    const view = control();
    expect(await view.flows()).toEqual([]);
    await expect(view.requestRun('nightly')).rejects.toThrow(/unknown flow 'nightly' \(known: none: no worker has registered flows yet\)/);
    const definitions: FlowDefinition[] = [
      { ...base, name: 'nightly', description: 'the nightly one', schedule: '0 2 * * *', backfillable: true, run: async () => ({ rows: 1 }) },
      { ...base, name: 'ticker', description: 'every minute', everySeconds: 60, run: async () => ({ rows: 0 }) },
    ];
    // Two workers starting at once register without tripping over each other.
    await Promise.all([worker().start(definitions, { schedules: false }), worker().start(definitions, { schedules: false })]);
    expect(await view.flows()).toEqual([
      { ...base, name: 'nightly', description: 'the nightly one', schedule: '0 2 * * *', backfillable: true },
      { ...base, name: 'ticker', description: 'every minute', everySeconds: 60 },
    ]);
    // The main job (working, scheduling) drops what it no longer defines; a CLI run only adds.
    await worker().start([definitions[0]!]);
    expect((await view.flows()).map((f) => f.name)).toEqual(['nightly']);
  });

  it('queues runs the workers execute: behind a running run, and none while one already waits', async () => {
    const { worker, control } = await store();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    await worker().start([{ ...base, name: 'held', description: 'held', run: async () => {
      calls += 1;
      if (calls === 1) await held;
      return { rows: calls };
    } }], { schedules: false });
    const view = control();
    const first = await view.requestRun('held');
    expect(first.outcome).toBe('queued');
    const firstId = first.outcome === 'queued' ? first.runId : '';
    await until(() => view.history({ flow: 'held' }), (runs) => runs[0]?.state === 'running');
    const second = await view.requestRun('held');
    expect(second).toMatchObject({ outcome: 'queued', behind: { id: firstId, state: 'running' } });
    const secondId = second.outcome === 'queued' ? second.runId : '';
    expect(await view.requestRun('held')).toMatchObject({ outcome: 'already-waiting', waiting: { id: secondId }, running: { id: firstId } });
    release();
    const runs = await until(() => view.history({ flow: 'held' }), (all) => all.length === 2 && all.every((r) => r.state === 'succeeded'));
    expect(runs.map((r) => [r.id, r.rows])).toEqual([[secondId, 2], [firstId, 1]]);
    expect((await view.history()).map((r) => r.id)).toEqual([secondId, firstId]);
  });
});
