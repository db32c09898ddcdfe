// The flows API's answers on the wire (JSON: snake_case, ISO-8601 times, null for an absent
// value): one definition for the server (@ledgerline/dashboard-http) and the dashboard's flows
// page, as the market wire (@ledgerline/market-data/wire) and the health types are. Imports
// nothing, so the page bundles nothing else through it.

/** Where a run stands (FlowRunner's states). */
export type FlowRunState = 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'cancelled';

/** A run as the API sends it. */
export interface FlowRunWire {
  id: string;
  flow: string;
  state: FlowRunState;
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

/** A flow as the dashboard lists it: its definition's schedule and policies (no `run`). */
export interface FlowSummaryWire {
  name: string;
  description: string;
  /** Five-field cron (UTC); null for flows that run every N seconds or only on request. */
  schedule: string | null;
  every_seconds: number | null;
  backfillable: boolean;
  retry: { limit: number; delay_seconds: number; backoff: boolean };
  timeout_seconds: number;
}

/** GET /api/flows: each flow with its newest runs. */
export interface FlowOverviewWire extends FlowSummaryWire {
  runs: FlowRunWire[];
}

/** Every answer of the flows API. */
export interface FlowsEnvelope<T> {
  as_of: { now: string };
  data: T;
}

/** POST /api/flows/run, 202: the run was queued (behind the running one, when there is one). */
export interface RunQueuedWire {
  outcome: 'queued';
  flow: string;
  run_id: string;
  behind: FlowRunWire | null;
  message: string;
}
