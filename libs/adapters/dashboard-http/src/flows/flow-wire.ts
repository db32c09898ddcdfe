import type { FlowRunRecord } from '@ledgerline/flows';
import type { FlowRunWire } from '@ledgerline/flows/wire';

export type { FlowRunWire };

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
