import { describe, expect, it } from 'vitest';
import type { FlowRunRecord, ManualRunOutcome } from '@ledgerline/flows';
import { HttpError } from '../http-error.ts';
import { FlowsUnavailableError, type DashboardFlows } from './dashboard-flows.port.ts';
import { FlowsApi } from './flows-routes.ts';

// The routes' own decisions over a fake of the DashboardFlows port (the real sources run against
// pg-boss in apps/dashboard/src/server/flows-api.int.spec.ts and flows-standalone.int.spec.ts).

const now = new Date('2026-12-07T10:00:10.000Z');
const summary = { name: 'sync', description: 'd', schedule: null, every_seconds: 60, backfillable: false, retry: { limit: 2, delay_seconds: 5, backoff: true }, timeout_seconds: 60 };
const retrying: FlowRunRecord = { id: 'r2', flow: 'sync', state: 'retrying', attempts: 1, queuedAt: new Date('2026-12-07T10:00:00.000Z'), startedAt: new Date('2026-12-07T10:00:01.000Z'), error: 'boom' };

function fakeFlows(outcome: ManualRunOutcome): DashboardFlows {
  return { flows: async () => [summary], history: async () => [retrying], requestRun: async () => outcome };
}
const status = (promise: Promise<unknown>) => promise.then(() => 0, (error: unknown) => (error instanceof HttpError ? `${error.status} ${error.message}` : String(error)));

describe('FlowsApi', () => {
  it('answers 503 without a flow source, naming where the flows are', async () => {
    expect(await status(new FlowsApi(undefined).handle('/api/flows', 'GET', new URLSearchParams(), undefined))).toBe(
      '503 flow history is not available in this dashboard (no flow runner here: open the dashboard the main job serves)',
    );
  });

  it('answers 503 with the source’s reason when it cannot answer yet', async () => {
    const source: DashboardFlows = { ...fakeFlows({ outcome: 'queued', runId: 'x' }), flows: async () => { throw new FlowsUnavailableError('the flows are starting'); } };
    expect(await status(new FlowsApi(source).handle('/api/flows', 'GET', new URLSearchParams(), undefined))).toBe('503 flow history is not available yet: the flows are starting');
  });

  it('refuses a request while a run waits to retry, saying so (409)', async () => {
    const api = new FlowsApi(fakeFlows({ outcome: 'already-waiting', waiting: retrying }), () => now);
    const answer = await api.handle('/api/flows/run', 'POST', new URLSearchParams(), { flow: 'sync' });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      error: 'sync already has a run waiting (r2, waiting to retry (attempt 2)): a worker starts it within seconds; nothing new was queued',
      waiting: { id: 'r2', state: 'retrying', attempts: 1, error: 'boom', duration_seconds: null, started_at: '2026-12-07T10:00:01.000Z' },
      running: null,
    });
  });

  it('lists a running run with its duration so far', async () => {
    const running: FlowRunRecord = { ...retrying, state: 'running', error: undefined };
    const api = new FlowsApi({ ...fakeFlows({ outcome: 'queued', runId: 'x' }), history: async () => [running] }, () => now);
    const answer = await api.handle('/api/flows/runs', 'GET', new URLSearchParams('flow=sync'), undefined);
    expect(answer).toMatchObject({ status: 200, body: { as_of: { now: now.toISOString() }, data: [{ id: 'r2', state: 'running', duration_seconds: 9, finished_at: null }] } });
  });
});
