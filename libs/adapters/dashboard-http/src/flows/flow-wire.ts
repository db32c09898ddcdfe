import type { FlowRunRecord } from '@ledgerline/flows';

/** A run as the API sends it: snake_case, ISO-8601 times, nulls instead of absent fields. */
export interface FlowRunWire {
  id: string;
  flow: string;
  state: FlowRunRecord['state'];
  attempts: number;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Finished runs: end - start; a running one: so far; null before it started. */
  duration_seconds: number | null;
  rows: number | null;
  error: string | null;
  /** The day a backfill run works on; null for scheduled and manual runs. */
  interval: { start: string; end: string } | null;
}

export function runWire(run: FlowRunRecord, now: Date): FlowRunWire {
  const end = run.finishedAt ?? (run.state === 'running' ? now : undefined);
  return {
    id: run.id,
    flow: run.flow,
    state: run.state,
    attempts: run.attempts,
    queued_at: run.queuedAt.toISOString(),
    started_at: run.startedAt?.toISOString() ?? null,
    finished_at: run.finishedAt?.toISOString() ?? null,
    duration_seconds: run.startedAt && end ? Math.max(0, (end.getTime() - run.startedAt.getTime()) / 1000) : null,
    rows: run.rows ?? null,
    error: run.error ?? null,
    interval: run.interval ?? null,
  };
}
