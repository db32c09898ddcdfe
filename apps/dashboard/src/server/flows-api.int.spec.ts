import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardServer, FlowRunnerSource, unknownPipelineHealth, type DashboardServer, type FlowRunWire } from '@ledgerline/dashboard-http';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { PgBossFlowRunner } from '@ledgerline/pg-boss';
import { createTestDatabase, type TestDatabase } from '@ledgerline/testing';
import { rawRequest } from '../testing/raw-request.ts';
import { testFlows } from '../testing/test-flows.ts';

// The flows API (issue #24: flow history and "run now" on the dashboard) on pg-boss over real
// PostgreSQL, as the main job hosts it with DATABASE_URL: the dashboard server, the FlowRunnerSource
// and the runner's own worker in this process. The analytics store is a real DuckDB store on an
// empty file that no flows route opens.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let database: TestDatabase;
let runner: PgBossFlowRunner;
let dashboard: DashboardServer;
let store: DuckDbAnalyticsStore;
let dir: string;
let base: string;
let host: string;
const source = new FlowRunnerSource();
const { definitions, release: releaseHeld } = testFlows();

// What the page sends: same origin, JSON.
const fromPage = () => ({ host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' });
const post = (body: unknown, headers: Record<string, string> = fromPage()) =>
  rawRequest(base, '/api/flows/run', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const get = async (path: string) => {
  const response = await rawRequest(base, path, { headers: { host } });
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
};
const runsOf = async (name: string) => (await get(`/api/flows/runs?flow=${name}&limit=100`)).body.data as FlowRunWire[];

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(200);
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  database = await createTestDatabase('dashboard_flows');
  dir = mkdtempSync(join(tmpdir(), 'dashboard-flows-'));
  store = new DuckDbAnalyticsStore({ path: join(dir, 'never-opened.duckdb') });
  dashboard = createDashboardServer({ store, health: unknownPipelineHealth('not in this test'), flows: source });
  base = await dashboard.listen(0);
  host = new URL(base).host;
  runner = new PgBossFlowRunner({ connectionString: database.url, pollingIntervalSeconds: 0.5 });
}, 120_000);
afterAll(async () => {
  releaseHeld();
  await runner?.stop();
  await dashboard?.close();
  await store?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('flows API on pg-boss over PostgreSQL', () => {
  it('answers 503 with the reason while the runner is not started yet', async () => {
    const response = await get('/api/flows');
    expect(response.status).toBe(503);
    expect(response.body.error).toMatch(/not available yet: the flows are starting/);
    // Started without the interval ticker: `held` runs only when asked.
    await runner.start(definitions, { schedules: false });
    source.attach(runner, definitions);
  });

  it('runs a flow on "run now" from the page and lists it with status, times, duration, attempts and rows', async () => {
    const response = await post({ flow: 'quick' });
    expect(response.status).toBe(202);
    const answer = JSON.parse(response.body).data;
    expect(answer).toMatchObject({ outcome: 'queued', flow: 'quick', behind: null });
    expect(answer.message).toMatch(/^queued run \S+ of quick: a worker starts it within seconds$/);
    const [run] = await waitFor(() => runsOf('quick'), (runs) => runs[0]?.state === 'succeeded', 'quick to succeed');
    expect(run).toMatchObject({ id: answer.run_id, flow: 'quick', state: 'succeeded', attempts: 1, rows: 3, error: null, interval: null });
    expect(Date.parse(run!.finished_at!)).toBeGreaterThanOrEqual(Date.parse(run!.started_at!));
    expect(run!.duration_seconds).toBeCloseTo((Date.parse(run!.finished_at!) - Date.parse(run!.started_at!)) / 1000, 3);

    const list = await get('/api/flows?limit=5');
    expect(list.status).toBe(200);
    const flows = list.body.data as Array<{ name: string; schedule: string | null; every_seconds: number | null; retry: unknown; runs: FlowRunWire[] }>;
    expect(flows.map((f) => f.name)).toEqual(['quick', 'broken', 'held']);
    expect(flows[0]).toMatchObject({ schedule: '0 4 * * *', every_seconds: null, retry: { limit: 0, delay_seconds: 1, backoff: false }, runs: [{ id: answer.run_id, state: 'succeeded' }] });
    expect(flows[2]).toMatchObject({ schedule: null, every_seconds: 3600, runs: [] });
  });

  it('shows a run that failed after its retry with the error and both attempts', async () => {
    expect((await post({ flow: 'broken' })).status).toBe(202);
    const [run] = await waitFor(() => runsOf('broken'), (runs) => runs[0]?.state === 'failed', 'broken to fail', 60_000);
    expect(run).toMatchObject({ state: 'failed', attempts: 2, rows: null });
    expect(run!.error).toContain('the source is gone');
    expect(run!.finished_at).not.toBeNull();
  });

  it.each([
    ['another Origin', { origin: 'http://evil.example' }, 403, /cross-origin request refused/],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }, 403, /cross-site request refused/],
    ['a form post (text/plain)', { 'content-type': 'text/plain' }, 415, /application\/json/],
    ['another Host (DNS rebinding)', { host: 'evil.example' }, 421, /not served here/],
  ])('refuses a trigger from %s and queues nothing', async (_name, headers, status, message) => {
    const before = (await runner.history({ flow: 'quick', limit: 100 })).length;
    const response = await post({ flow: 'quick' }, { ...fromPage(), ...headers });
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body).error).toMatch(message);
    await sleep(300);
    expect(await runner.history({ flow: 'quick', limit: 100 })).toHaveLength(before);
  });

  it('refuses bad requests with a reason: an unknown flow, a bad body, an unknown parameter, a wrong method', async () => {
    const unknown = await post({ flow: 'nope' });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toBe("unknown flow 'nope' (known: quick, broken, held)");
    const extra = await post({ flow: 'quick', when: 'now' });
    expect(extra.status).toBe(400);
    expect(JSON.parse(extra.body).error).toMatch(/the body must be \{ "flow": "<name>" \}/);
    expect((await post('{not json')).status).toBe(400);
    expect((await get('/api/flows?flow=quick')).body.error).toMatch(/unknown parameter flow \(allowed: limit\)/);
    expect((await get('/api/flows/runs?limit=0')).status).toBe(400);
    expect((await get('/api/flows/run')).status).toBe(405);
  });

  it('a trigger while the flow runs is queued behind it (202, naming it); another while that one waits is refused (409), never a second waiting run', async () => {
    const first = JSON.parse((await post({ flow: 'held' })).body).data as { run_id: string };
    await waitFor(() => runsOf('held'), (runs) => runs[0]?.state === 'running', 'held to run');

    const second = await post({ flow: 'held' });
    expect(second.status).toBe(202);
    const queued = JSON.parse(second.body).data;
    expect(queued).toMatchObject({ outcome: 'queued', behind: { id: first.run_id, state: 'running' } });
    expect(queued.message).toMatch(new RegExp(`waits for run ${first.run_id} \\(running since .+\\) to finish \\(one run at a time per flow\\)`));

    const third = await post({ flow: 'held' });
    expect(third.status).toBe(409);
    const refused = JSON.parse(third.body);
    expect(refused).toMatchObject({ outcome: 'already-waiting', waiting: { id: queued.run_id, state: 'queued' }, running: { id: first.run_id, state: 'running' } });
    expect(refused.error).toMatch(new RegExp(`^held already has a run waiting \\(${queued.run_id}, queued at .+\\): it starts when run ${first.run_id} .*finishes; nothing new was queued$`));

    const during = await runsOf('held');
    expect(during.map((r) => [r.id, r.state])).toEqual([[queued.run_id, 'queued'], [first.run_id, 'running']]);
    expect(during[1]!.duration_seconds).toBeGreaterThan(0);

    releaseHeld();
    const after = await waitFor(() => runsOf('held'), (runs) => runs.every((r) => r.state === 'succeeded'), 'both held runs to succeed');
    expect(after.map((r) => [r.id, r.rows])).toEqual([[queued.run_id, 2], [first.run_id, 1]]);
    // The second run started only after the first finished.
    expect(Date.parse(after[0]!.started_at!)).toBeGreaterThanOrEqual(Date.parse(after[1]!.finished_at!));
  });

  it('answers 503 again once the runner is detached for the stop', async () => {
    source.detach('the main job is stopping');
    const response = await get('/api/flows');
    expect(response.status).toBe(503);
    expect(response.body.error).toBe('flow history is not available yet: the main job is stopping');
  });
});
