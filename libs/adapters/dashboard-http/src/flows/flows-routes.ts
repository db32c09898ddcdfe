import type { ManualRunOutcome } from '@ledgerline/flows';
import { z } from 'zod';
import { describeIssues, parseQuery } from '../dashboard-filters.ts';
import { badRequest, HttpError } from '../http-error.ts';
import { FlowsUnavailableError, type DashboardFlows, type FlowSummary } from './dashboard-flows.port.ts';
import { runWire, type FlowRunWire } from './flow-wire.ts';

/** An answer with its status: "run now" answers 202 (queued) or 409 (a run already waits). */
export interface FlowsAnswer {
  status: number;
  body: unknown;
}

const limit = (fallback: number, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().min(1).max(max).default(fallback));
const flowName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a flow name is lower-case letters, digits and dashes');

const PARAMS: Readonly<Record<string, { method: 'GET' | 'POST'; params: readonly string[] }>> = {
  '/api/flows': { method: 'GET', params: ['limit'] },
  '/api/flows/runs': { method: 'GET', params: ['flow', 'limit'] },
  '/api/flows/run': { method: 'POST', params: [] },
};
const listQuery = z.object({ limit: limit(10, 100) });
const runsQuery = z.object({ flow: flowName.optional(), limit: limit(50, 500) });
const runBody = z.object({ flow: flowName }).strict();

/**
 * The flows page's API: every flow with its newest runs, one flow's history, and "run now". A run
 * request follows the flows' own rule — one run at a time, at most one waiting: queued behind a
 * running run (202, the answer names it), refused while a run already waits (409, naming it, nothing
 * queued). An unknown flow is a 400 naming the known ones; no flows here, or not started, a 503.
 */
export class FlowsApi {
  constructor(
    private readonly source: DashboardFlows | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async handle(path: string, method: string, query: URLSearchParams, body: unknown): Promise<FlowsAnswer> {
    const route = PARAMS[path];
    if (!route) throw new HttpError(404, `no such endpoint: ${path}`);
    if (route.method !== method) throw new HttpError(405, `${path} takes ${route.method}`);
    const unknown = [...new Set(query.keys())].filter((key) => !route.params.includes(key));
    if (unknown.length > 0) throw badRequest(`unknown parameter ${unknown.join(', ')} (allowed: ${route.params.join(', ') || 'none'})`);
    const source = this.source;
    if (!source) throw new HttpError(503, 'flow history is not available in this dashboard (no flow runner here: open the dashboard the main job serves)');
    try {
      return await this.route(path, query, body, source);
    } catch (error) {
      if (error instanceof FlowsUnavailableError) throw new HttpError(503, `flow history is not available yet: ${error.message}`);
      throw error;
    }
  }

  private async route(path: string, query: URLSearchParams, body: unknown, source: DashboardFlows): Promise<FlowsAnswer> {
    const now = this.now();
    const asOf = { now: now.toISOString() };
    switch (path) {
      case '/api/flows': {
        const q = parseQuery(listQuery, query);
        const flows = await source.flows();
        const data = [];
        // One flow at a time: embedded, every query shares the store's one connection.
        for (const flow of flows) data.push({ ...flow, runs: (await source.history({ flow: flow.name, limit: q.limit })).map((r) => runWire(r, now)) });
        return { status: 200, body: { as_of: asOf, data } };
      }
      case '/api/flows/runs': {
        const q = parseQuery(runsQuery, query);
        if (q.flow) await this.known(source, q.flow);
        const runs = await source.history({ ...(q.flow ? { flow: q.flow } : {}), limit: q.limit });
        return { status: 200, body: { as_of: asOf, data: runs.map((r) => runWire(r, now)) } };
      }
      default: {
        const parsed = runBody.safeParse(body);
        if (!parsed.success) throw badRequest(`the body must be { "flow": "<name>" }: ${describeIssues(parsed.error)}`);
        const flow = parsed.data.flow;
        await this.known(source, flow);
        return answerOf(flow, await source.requestRun(flow), now, asOf);
      }
    }
  }

  private async known(source: DashboardFlows, flow: string): Promise<FlowSummary> {
    const flows = await source.flows();
    const found = flows.find((f) => f.name === flow);
    if (!found) throw badRequest(`unknown flow '${flow}' (known: ${flows.map((f) => f.name).join(', ') || 'none'})`);
    return found;
  }
}

function since(run: FlowRunWire | null): string {
  return run?.started_at ? ` (running since ${run.started_at})` : '';
}

function answerOf(flow: string, outcome: ManualRunOutcome, now: Date, asOf: { now: string }): FlowsAnswer {
  if (outcome.outcome === 'queued') {
    const behind = outcome.behind ? runWire(outcome.behind, now) : null;
    const message = behind
      ? `queued run ${outcome.runId} of ${flow}: it waits for run ${behind.id}${since(behind)} to finish (one run at a time per flow)`
      : `queued run ${outcome.runId} of ${flow}: a worker starts it within seconds`;
    return { status: 202, body: { as_of: asOf, data: { outcome: 'queued', flow, run_id: outcome.runId, behind, message } } };
  }
  const waiting = runWire(outcome.waiting, now);
  const running = outcome.running ? runWire(outcome.running, now) : null;
  const what = waiting.state === 'retrying' ? `waiting to retry (attempt ${waiting.attempts + 1})` : `queued at ${waiting.queued_at}`;
  const when = running ? `it starts when run ${running.id}${since(running)} finishes` : 'a worker starts it within seconds';
  return {
    status: 409,
    body: { error: `${flow} already has a run waiting (${waiting.id}, ${what}): ${when}; nothing new was queued`, flow, outcome: 'already-waiting', waiting, running },
  };
}
