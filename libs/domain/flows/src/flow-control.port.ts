import { token } from '@ledgerline/di';
import type { FlowDefinition } from './flow-definition.ts';
import type { FlowRunRecord, ManualRunOutcome } from './flow-runner.port.ts';

/** A flow as its workers registered it in the job store: the definition without its `run`. */
export type RegisteredFlow = Omit<FlowDefinition, 'run'>;

/**
 * The flows of a job store seen from a process that runs none of them (the standalone dashboard on
 * PostgreSQL): what the workers registered, the runs' history, and a run request that the workers
 * then execute — with the same rule as FlowRunner.requestRun (queued behind a running run, nothing
 * new while one waits).
 */
export interface FlowControl {
  /** The registered flows, by name; empty until a worker (the main job) has started once. */
  flows(): Promise<RegisteredFlow[]>;
  history(options?: { flow?: string; limit?: number }): Promise<FlowRunRecord[]>;
  requestRun(flow: string): Promise<ManualRunOutcome>;
  close(): Promise<void>;
}

export const FLOW_CONTROL = token<FlowControl>('FlowControl');
