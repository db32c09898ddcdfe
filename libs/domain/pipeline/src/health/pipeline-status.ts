/**
 * What the dashboard's health panel shows of the pipeline, as the wire carries it (snake_case):
 * one definition for every source of it (PostgreSQL's run table, the main job's run history).
 */

/** The latest run of one pipeline job. */
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
