import type { JobDefinition } from '@ledgerline/pipeline';
import type { StatusSnapshot } from '../status/live-status.ts';

/**
 * A stage that plugs into the pipeline's schedule: its recurring jobs, work to do after each
 * warehouse sync, a part of the status line, and start/stop hooks.
 */
export interface ExtraStage {
  readonly name: string;
  readonly jobs: JobDefinition[];
  start?(): Promise<void>;
  afterSync?(): Promise<void>;
  status?(): Partial<StatusSnapshot>;
  stop?(): Promise<void>;
}
