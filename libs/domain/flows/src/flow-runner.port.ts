import { token } from '@ledgerline/di';
import type { FlowDefinition, FlowInterval } from './flow-definition.ts';
import type { FlowRunState } from './wire/flows-wire.ts';

// Defined with the API's wire shapes, which the dashboard page bundles without this port.
export type { FlowRunState };

export interface FlowRunRecord {
  id: string;
  flow: string;
  state: FlowRunState;
  /** Attempts started so far (1 = no retry yet). */
  attempts: number;
  interval?: FlowInterval;
  queuedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  rows?: number;
  error?: string;
}

export interface BackfillResult {
  /** Runs created by this call. */
  queued: number;
  /** Days that already had a run (from an earlier backfill): nothing new was created for them. */
  existing: number;
}

/**
 * What a manual "run now" did. One run at a time per flow, and at most one waiting (like the
 * `everySeconds` ticker): a request while a run is active is queued behind it (`behind`); a request
 * while a run already waits (queued, or waiting to retry) creates nothing and names that run.
 */
export type ManualRunOutcome =
  | { outcome: 'queued'; runId: string; behind?: FlowRunRecord }
  | { outcome: 'already-waiting'; waiting: FlowRunRecord; running?: FlowRunRecord };

/**
 * Runs named flows. Every implementation guarantees, and the contract suite
 * (`describeFlowRunnerContract`) checks:
 * - one run at a time per flow: a run never overlaps another of the same flow; a run that outlasts
 *   its interval delays the next one;
 * - a failing run is retried per the flow's policy (with backoff), then ends `failed` with its error;
 * - history: every run with its state, attempts, times, rows and error, newest first;
 * - backfill is idempotent: one run per day of the range, and a second backfill of the same days
 *   creates none; a flow that is not `backfillable` refuses a backfill;
 * - a manual run request queues one run behind a running one, and none while one already waits;
 * - an `everySeconds` flow runs at that interval, one waiting run at most (never a pile-up);
 * - with several workers on one store, each run executes once.
 */
export interface FlowRunner {
  /**
   * Registers the flows; with `work` (default true) also executes their runs. With `schedules`
   * (default true) it registers their cron schedules and, when working, queues the `everySeconds`
   * runs; a CLI that executes only what it was asked passes `schedules: false`.
   */
  start(flows: readonly FlowDefinition[], options?: { work?: boolean; schedules?: boolean }): Promise<void>;
  /** Queues a run now; resolves with its id. Refuses an unknown flow, naming the known ones. */
  trigger(flow: string): Promise<string>;
  /**
   * A manual "run now" (the dashboard's button): queues a run unless one of the flow already
   * waits; see ManualRunOutcome. Refuses an unknown flow like `trigger`.
   */
  requestRun(flow: string): Promise<ManualRunOutcome>;
  backfill(flow: string, from: string, to: string): Promise<BackfillResult>;
  history(options?: { flow?: string; limit?: number }): Promise<FlowRunRecord[]>;
  /** The schedules registered, for `flows list`. */
  schedules(): Promise<Array<{ flow: string; cron: string }>>;
  /** Stops taking runs and waits for the running ones to finish. */
  stop(): Promise<void>;
}

export const FLOW_RUNNER = token<FlowRunner>('FlowRunner');
