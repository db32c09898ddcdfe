/**
 * A named flow: one unit of scheduled work with the guarantees every runner gives it (see
 * flow-runner.port.ts). Definitions are data plus a `run` function, so the same definitions run on
 * the job library on Postgres and on the embedded runner.
 */
export interface FlowRetryPolicy {
  /** Attempts after the first one; 0 = a failure is final at once. */
  limit: number;
  /** Seconds before the first retry. */
  delaySeconds: number;
  /** Doubles the delay on each further retry (exponential backoff). */
  backoff: boolean;
}

/** What happens to scheduled occurrences that came due while no runner was up. */
export type MissedRunPolicy = 'skip' | 'once';

export interface FlowDefinition {
  name: string;
  description: string;
  /** Five-field cron expression evaluated in UTC; absent = manual trigger and backfill only. */
  schedule?: string;
  /**
   * Instead of `schedule`: a run every this many seconds, for intervals cron cannot say (under a
   * minute, or not dividing an hour). A run that outlasts the interval delays the next one; runs
   * never pile up (at most one waits).
   */
  everySeconds?: number;
  /**
   * The run works on the day it is given (`context.interval`), so a backfill of a date range
   * means something; flows that always work on the latest data refuse a backfill.
   */
  backfillable?: boolean;
  retry: FlowRetryPolicy;
  missed: MissedRunPolicy;
  /** A run still going after this long counts as failed (and is retried by the policy). */
  timeoutSeconds: number;
  run(context: FlowRunContext): Promise<FlowRunResult>;
}

/** One day of a backfill: the run works on [start, end) — dates as YYYY-MM-DD, UTC. */
export interface FlowInterval {
  start: string;
  end: string;
}

export interface FlowRunContext {
  flow: string;
  runId: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** Set for backfill runs. */
  interval?: FlowInterval;
  /** Aborted when the runner stops or the run times out; long work should watch it. */
  signal: AbortSignal;
}

export interface FlowRunResult {
  /** Rows the run moved, for history and metrics. */
  rows: number;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/** Refuses a definition a runner could not honour, with the reason. */
export function validateFlowDefinitions(flows: readonly FlowDefinition[]): void {
  const seen = new Set<string>();
  for (const flow of flows) {
    if (!NAME.test(flow.name)) throw new Error(`flow name '${flow.name}' must be lower-case letters, digits and dashes`);
    if (seen.has(flow.name)) throw new Error(`flow '${flow.name}' is defined twice`);
    seen.add(flow.name);
    if (flow.schedule !== undefined && flow.everySeconds !== undefined) throw new Error(`flow '${flow.name}': give a schedule or everySeconds, not both`);
    if (flow.everySeconds !== undefined && !(Number.isInteger(flow.everySeconds) && flow.everySeconds >= 1)) {
      throw new Error(`flow '${flow.name}': everySeconds must be a whole number >= 1`);
    }
    if (flow.schedule !== undefined && flow.schedule.trim().split(/\s+/).length !== 5) {
      throw new Error(`flow '${flow.name}': schedule '${flow.schedule}' is not a five-field cron expression`);
    }
    if (!Number.isInteger(flow.retry.limit) || flow.retry.limit < 0) throw new Error(`flow '${flow.name}': retry.limit must be a whole number >= 0`);
    if (!(flow.retry.delaySeconds >= 0)) throw new Error(`flow '${flow.name}': retry.delaySeconds must be >= 0`);
    if (!(flow.timeoutSeconds > 0)) throw new Error(`flow '${flow.name}': timeoutSeconds must be > 0`);
  }
}
