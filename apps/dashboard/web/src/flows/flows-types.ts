// The flows API's wire shapes (libs/adapters/dashboard-http/src/flows), as the page reads them.

export type FlowRunState = 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'cancelled';

export interface FlowRun {
  id: string;
  flow: string;
  state: FlowRunState;
  attempts: number;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_seconds: number | null;
  rows: number | null;
  error: string | null;
  interval: { start: string; end: string } | null;
}

export interface FlowOverview {
  name: string;
  description: string;
  schedule: string | null;
  every_seconds: number | null;
  backfillable: boolean;
  retry: { limit: number; delay_seconds: number; backoff: boolean };
  timeout_seconds: number;
  runs: FlowRun[];
}

export interface FlowsEnvelope<T> {
  as_of: { now: string };
  data: T;
}

export interface RunQueued {
  outcome: 'queued';
  flow: string;
  run_id: string;
  behind: FlowRun | null;
  message: string;
}
