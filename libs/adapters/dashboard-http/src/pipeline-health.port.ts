import { token } from '@ledgerline/di';
import type { JobStatus, PipelineStatus } from '@ledgerline/pipeline';

export type { JobStatus, PipelineStatus };

/** Where the health panel's pipeline facts come from (Postgres when configured). */
export interface PipelineHealthSource {
  status(): Promise<PipelineStatus>;
  close(): Promise<void>;
}

export const PIPELINE_HEALTH = token<PipelineHealthSource>('PipelineHealthSource');

/** No Postgres configured (PGlite belongs to the pipeline process: one connection at a time). */
export const unknownPipelineHealth = (reason: string): PipelineHealthSource => ({
  status: async () => ({ state: 'unknown', reason }),
  close: async () => undefined,
});
