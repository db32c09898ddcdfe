import { token } from '@ledgerline/di';

/** The latest run of one pipeline job, from Postgres `pipeline_runs`. */
export interface JobStatus {
  job: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  rows: number | null;
  error: string | null;
  /** Failed runs of this job in the last 24 hours. */
  failures_24h: number;
}

/** What the operational side knows; `unknown` (with the reason) when it cannot be asked. */
export type PipelineStatus =
  | { state: 'known'; jobs: JobStatus[]; dlq_count: number | 'unknown' }
  | { state: 'unknown'; reason: string };

/** Where the health panel's pipeline facts come from (Postgres when configured). */
export interface PipelineHealthSource {
  status(): Promise<PipelineStatus>;
  close(): Promise<void>;
}

export const PIPELINE_HEALTH = token<PipelineHealthSource>('PipelineHealthSource');

/** No Postgres configured (PGlite belongs to the pipeline process: one connection at a time). */
export const unknownPipelineHealth = (reason: string): PipelineHealthSource => ({
  status: async () => ({ state: 'unknown', reason }),
  close: async () => undefined,
});
