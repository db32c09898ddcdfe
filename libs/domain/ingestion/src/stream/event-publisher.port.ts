import { token } from '@ledgerline/di';

/** One event to publish. The key picks the partition: same key, same partition, same order. */
export interface OutgoingEvent {
  key: string;
  value: Buffer | string;
  headers?: Record<string, string>;
  /**
   * Publish a null key / a null value instead of `key` / `value` (which are then empty). Only the
   * DLQ needs this: it keeps a key-less event and a tombstone exactly as they came.
   */
  nullKey?: boolean;
  nullValue?: boolean;
}

/**
 * Writes events to a topic of the event bus (Kafka, or the in-process bus).
 * `publish` resolves only once every message is durably accepted (Kafka: acks from all in-sync
 * replicas), so a caller may record progress that depends on them afterwards.
 */
export interface EventPublisher {
  publish(topic: string, messages: OutgoingEvent[]): Promise<void>;
  /** Waits for publishes still in flight (callers that did not await them). */
  flush(): Promise<void>;
  /** Flushes, then releases connections. Publishing after close is an error. */
  close(): Promise<void>;
}

export const EVENT_PUBLISHER = token<EventPublisher>('EventPublisher');
