import { token } from '@ledgerline/di';
import type { JobRun } from '../scheduler/job-scheduler.ts';

export interface RecordedRun extends JobRun {
  runId: string;
}

/** The newest run of one job and how often the job failed lately (the dashboard's health panel). */
export interface JobRunSummary extends RecordedRun {
  /** Failed runs of this job that started in the 24 hours before the query. */
  failures24h: number;
}

/** Where the history of scheduled runs is kept (Postgres `pipeline_runs`). */
export interface RunHistory {
  record(run: JobRun): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<RecordedRun[]>;
  /** The newest run of every job that ever ran, by job name. */
  latestPerJob(): Promise<JobRunSummary[]>;
}

export const RUN_HISTORY = token<RunHistory>('RunHistory');
