import { token } from '@ledgerline/di';
import type { FlowRunRecord, ManualRunOutcome } from '@ledgerline/flows';
import type { FlowSummaryWire } from '@ledgerline/flows/wire';

/** A flow as the dashboard lists it (the wire shape: the flows page reads the same type). */
export type FlowSummary = FlowSummaryWire;

/**
 * Where the dashboard's flow history and "run now" come from: the hosting process' FlowRunner (the
 * main job, on PGlite's one connection or on PostgreSQL: FlowRunnerSource), or the job store on
 * PostgreSQL for the standalone dashboard (flowControlSource). Every method may throw
 * FlowsUnavailableError (runner not started yet, or stopping): the API answers 503 with its reason.
 */
export interface DashboardFlows {
  flows(): Promise<FlowSummary[]>;
  /** Newest first; `flow` absent = every flow's runs. */
  history(options: { flow?: string; limit: number }): Promise<FlowRunRecord[]>;
  requestRun(flow: string): Promise<ManualRunOutcome>;
}

export const DASHBOARD_FLOWS = token<DashboardFlows>('DashboardFlows');

/** The flows cannot answer right now; the message says why (shown as is in the page). */
export class FlowsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowsUnavailableError';
  }
}
