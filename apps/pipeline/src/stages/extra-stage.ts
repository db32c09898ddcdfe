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
  /**
   * Rows this stage wrote to the warehouse's RAW since the last call, outside the Postgres sync
   * (which builds dbt only when it changed rows itself). Non-zero makes the next sync cycle build
   * dbt, so models over those rows (the market indicators) do not wait for dbt-incremental.
   */
  takeRawChanges?(): number;
  status?(): Partial<StatusSnapshot>;
  stop?(): Promise<void>;
}
