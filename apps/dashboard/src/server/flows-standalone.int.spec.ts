import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRunWire } from '@ledgerline/dashboard-http';
import { PgBossFlowRunner } from '@ledgerline/pg-boss';
import { createTestDatabase, repoRoot, startNodeProcess, type NodeProcess, type TestDatabase } from '@ledgerline/testing';

// The standalone dashboard (`nx run dashboard:serve`, the compose file's dashboard service) on
// PostgreSQL: a process that runs no flows. Its flows page reads the job store the main job's
// workers registered in, and its "run now" is executed by those workers — here one PgBossFlowRunner
// in the test process standing in for the main job.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let database: TestDatabase;
let app: NodeProcess;
let worker: PgBossFlowRunner;
let dir: string;
let base = '';

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  database = await createTestDatabase('dashboard_standalone_flows');
  dir = mkdtempSync(join(tmpdir(), 'dashboard-standalone-'));
  app = startNodeProcess(['--import', 'tsx', join(repoRoot(), 'apps/dashboard/src/server/main.ts')], ['--port', '0', '--no-agent'], {
    cwd: repoRoot(),
    env: { DATABASE_URL: database.url, DATA_DIR: dir, LOG_LEVEL: 'warn', KAFKA_BROKERS: '', CHROMA_URL: '', GOOGLE_API_KEY: '' },
  });
  const deadline = Date.now() + 90_000;
  while (!base) {
    const line = app.output.find((l) => l.startsWith('dashboard listening on '));
    if (line) base = line.slice('dashboard listening on '.length).trim();
    else if (Date.now() > deadline) throw new Error(`the dashboard did not start:\n${app.output.join('\n')}`);
    else await sleep(200);
  }
  worker = new PgBossFlowRunner({ connectionString: database.url, pollingIntervalSeconds: 0.5 });
}, 120_000);
afterAll(async () => {
  app?.kill('SIGTERM');
  await app?.exited;
  await worker?.stop();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('standalone dashboard on PostgreSQL: the flows the main job registered', () => {
  it('says why there is nothing to show before a worker registered flows', async () => {
    const response = await get('/api/flows');
    expect(response.status).toBe(503);
    expect(response.body.error).toMatch(/no flows are registered in the job store yet \(the main job registers them when it starts\)/);
  });

  it('lists the registered flows and their runs; its "run now" is executed by the workers', async () => {
    await worker.start([
      { name: 'nightly', description: 'the nightly statements', schedule: '0 1 * * *', backfillable: true, retry: { limit: 2, delaySeconds: 5, backoff: true }, missed: 'once', timeoutSeconds: 600, run: async () => ({ rows: 12 }) },
    ], { schedules: false });
    const list = await get('/api/flows');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      { name: 'nightly', description: 'the nightly statements', schedule: '0 1 * * *', every_seconds: null, backfillable: true, retry: { limit: 2, delay_seconds: 5, backoff: true }, timeout_seconds: 600, runs: [] },
    ]);
    const response = await fetch(`${base}/api/flows/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flow: 'nightly' }) });
    expect(response.status).toBe(202);
    const queued = ((await response.json()) as { data: { run_id: string } }).data;
    const deadline = Date.now() + 30_000;
    let runs: FlowRunWire[] = [];
    while (runs[0]?.state !== 'succeeded') {
      if (Date.now() > deadline) throw new Error(`the run did not finish: ${JSON.stringify(runs)}`);
      await sleep(250);
      runs = (await get('/api/flows/runs?flow=nightly')).body.data as FlowRunWire[];
    }
    expect(runs).toEqual([expect.objectContaining({ id: queued.run_id, state: 'succeeded', attempts: 1, rows: 12 })]);
  });

  it('stops cleanly on SIGTERM', async () => {
    app.kill('SIGTERM');
    expect(await app.exited).toEqual({ code: 0, signal: null });
  });
});
