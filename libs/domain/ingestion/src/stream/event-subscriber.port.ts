import { token } from '@ledgerline/di';
import type { StreamOffset } from '../ports/store-records.ts';

/** One consumed event. Offsets are int64 decimal strings, ascending and unique per partition. */
export interface ConsumedEvent {
  offset: string;
  key: string | null;
  /** The original bytes, exactly as published (empty for a tombstone). */
  value: Buffer;
  /** The bus delivered a null value (a Kafka tombstone), not empty bytes. */
  tombstone?: boolean;
  headers: Record<string, string>;
  /** When the bus accepted the event (ISO-8601). */
  timestamp: string;
}

/** Consecutive events of one partition, delivered in offset order. */
export interface EventBatch {
  topic: string;
  partition: number;
  /** Never empty. */
  messages: ConsumedEvent[];
  /** The offset the next published event of this partition will get (log end), for lag. */
  highWatermark: string;
  /**
   * Aborted when the subscription is stopping. Long waits (retry back-off) should give up by
   * throwing; the batch is then not committed and will be delivered again.
   */
  signal: AbortSignal;
  /** Keeps the group membership alive while a batch takes long (Kafka session timeout). */
  heartbeat(): Promise<void>;
}

export type EachBatchHandler = (batch: EventBatch) => Promise<void>;

export interface SubscribeOptions {
  topic: string;
  groupId: string;
  eachBatch: EachBatchHandler;
  /**
   * Positions stored outside the bus (next offset to read per partition), loaded whenever
   * partitions are (re)assigned. A partition with a stored position resumes exactly there, even
   * if the bus committed a different offset; one without resumes at the group's committed
   * offset, else at the beginning of the partition.
   */
  loadOffsets?: () => Promise<StreamOffset[]>;
  /** Upper bound of events per batch; adapters may deliver fewer. */
  maxBatchSize?: number;
}

export interface Subscription {
  /** Graceful: lets the batch in progress finish and commit, then leaves the group. */
  stop(): Promise<void>;
  /**
   * Settles when the subscription ends: resolves after stop(); rejects when eachBatch threw
   * (that batch is not committed, so a later subscription of the group gets it again).
   */
  readonly done: Promise<void>;
}

/**
 * Consumer-group reading from the event bus. After eachBatch resolves the bus commits the batch
 * (last offset + 1) for the group; on failure nothing is committed (at-least-once delivery).
 */
export interface EventSubscriber {
  /** Joins the group and starts delivering batches; resolves once the subscription is running. */
  run(options: SubscribeOptions): Promise<Subscription>;
}

export const EVENT_SUBSCRIBER = token<EventSubscriber>('EventSubscriber');
