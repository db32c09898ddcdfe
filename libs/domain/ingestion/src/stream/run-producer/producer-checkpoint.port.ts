import { token } from '@ledgerline/di';
import type { StreamPlan } from '@ledgerline/transactions';

/** Where a resumable producer stands: its stream's plan and how many events the bus acknowledged. */
export interface ProducerCheckpoint {
  plan: StreamPlan;
  /** Events of the stream acknowledged by the bus; a restart continues with the next one. */
  position: number;
}

/**
 * Persists producer checkpoints with the data (the operational store), so a restarted producer
 * continues its stream instead of generating its history again.
 */
export interface ProducerCheckpointStore {
  load(stream: string): Promise<ProducerCheckpoint | undefined>;
  save(stream: string, checkpoint: ProducerCheckpoint): Promise<void>;
}

export const PRODUCER_CHECKPOINTS = token<ProducerCheckpointStore>('ProducerCheckpointStore');
