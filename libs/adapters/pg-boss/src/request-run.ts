import type { ManualRunOutcome } from '@ledgerline/flows';
import { recentRuns, type PgBossSql } from './recent-runs.ts';

/**
 * "Run now" on pg-boss' job table: queued (behind the flow's active run, if any) unless a run of
 * the flow already waits — `created`, or `retry` waiting for its delay — which the interval ticker
 * treats the same way. Requests of one process are serialized per flow; between the read and the
 * send another process may queue one too: then two wait, and the singleton queue still runs them
 * one after the other.
 */
export class RunRequests {
  private inFlight = new Map<string, Promise<ManualRunOutcome>>();

  constructor(
    private readonly db: () => PgBossSql,
    private readonly schema: string,
  ) {}

  async request(flow: string, send: () => Promise<string>): Promise<ManualRunOutcome> {
    const previous = this.inFlight.get(flow);
    const request = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => this.once(flow, send));
    this.inFlight.set(flow, request);
    try {
      return await request;
    } finally {
      if (this.inFlight.get(flow) === request) this.inFlight.delete(flow);
    }
  }

  private async once(flow: string, send: () => Promise<string>): Promise<ManualRunOutcome> {
    const pending = await recentRuns(this.db(), this.schema, [flow], 100, ['created', 'retry', 'active']);
    const running = pending.find((run) => run.state === 'running');
    const waiting = pending.find((run) => run.state !== 'running');
    if (waiting) return { outcome: 'already-waiting', waiting, ...(running ? { running } : {}) };
    return { outcome: 'queued', runId: await send(), ...(running ? { behind: running } : {}) };
  }
}
