import { token } from '@ledgerline/di';
import type { JobRun } from '../scheduler/job-scheduler.ts';

export interface RecordedRun extends JobRun {
  runId: string;
}

/** Where the history of scheduled runs is kept (Postgres `pipeline_runs`). */
export interface RunHistory {
  record(run: JobRun): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<RecordedRun[]>;
}

export const RUN_HISTORY = token<RunHistory>('RunHistory');
