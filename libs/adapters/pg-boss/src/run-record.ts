import type { FlowInterval, FlowRunRecord, FlowRunState } from '@ledgerline/flows';
import { z } from 'zod';

const STATES: Record<string, FlowRunState> = {
  created: 'queued',
  retry: 'retrying',
  active: 'running',
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** The fields of a pg-boss job (findJobs with metadata) that a run record is made from. */
export interface PgBossJobView {
  id: string;
  name: string;
  data: unknown;
  state: string;
  retryCount: number;
  createdOn: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  output: unknown;
}

const intervalSchema = z.object({ start: z.string(), end: z.string() });
const dataSchema = z.object({ interval: intervalSchema.optional() }).passthrough();
const successSchema = z.object({ rows: z.number() }).passthrough();
const errorSchema = z.object({ message: z.string() }).passthrough();

/** One job as a run record: pg-boss states in the port's words, rows from a success, the error of a failure. */
export function toRunRecord(job: PgBossJobView): FlowRunRecord {
  const state = STATES[job.state] ?? 'queued';
  const data = dataSchema.safeParse(job.data ?? {});
  const interval: FlowInterval | undefined = data.success ? data.data.interval : undefined;
  const record: FlowRunRecord = {
    id: job.id,
    flow: job.name,
    state,
    attempts: job.startedOn ? job.retryCount + 1 : 0,
    queuedAt: job.createdOn,
    ...(interval ? { interval } : {}),
    ...(job.startedOn ? { startedAt: job.startedOn } : {}),
  };
  if (state === 'succeeded' || state === 'failed' || state === 'cancelled') {
    if (job.completedOn) record.finishedAt = job.completedOn;
  }
  const success = successSchema.safeParse(job.output);
  if (state === 'succeeded' && success.success) record.rows = success.data.rows;
  const failure = errorSchema.safeParse(job.output);
  if ((state === 'failed' || state === 'retrying') && failure.success) record.error = failure.data.message;
  return record;
}
