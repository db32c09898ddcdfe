import type { FlowDefinition } from '@ledgerline/flows';
import type { StatusSnapshot } from '../status/live-status.ts';

/**
 * A stage that plugs into the pipeline's schedule: its named flows (run by the FlowRunner), work to
 * do after each warehouse sync, a part of the status line, and start/stop hooks.
 */
export interface ExtraStage {
  readonly name: string;
  readonly flows: FlowDefinition[];
  start?(): Promise<void>;
  afterSync?(): Promise<void>;
  status?(): Partial<StatusSnapshot>;
  stop?(): Promise<void>;
}
