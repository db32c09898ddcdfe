import { token } from '@ledgerline/di';

/** One event as the embedded bus's durable log keeps it; the bus assigns partition and offset. */
export interface LoggedEvent {
  partition: number;
  /** Position in the partition, from 0, without gaps. */
  offset: number;
  key: string | null;
  /** The original bytes, exactly as published. */
  value: Buffer;
  headers: Record<string, string>;
  /** When the bus accepted the event (ISO-8601). */
  timestamp: string;
}

export interface LoggedTopic {
  topic: string;
  partitions: number;
  /** Per partition (index = partition), the offset the next appended event gets. */
  ends: number[];
}

/**
 * Where the embedded (in-process) event bus keeps its partition logs so that they survive a
 * restart. It lives in the same database as the stream sink's stored offsets: positions and the
 * log they point into are then kept (and backed up, or deleted) together, and a restarted bus
 * never starts again at offset 0 under offsets that a previous bus handed out.
 */
export interface EventLogStore {
  /** Every topic with its partition count and log end per partition. */
  loadTopics(): Promise<LoggedTopic[]>;
  /** Records a topic; one that exists keeps its partition count, which is returned. */
  createTopic(topic: string, partitions: number): Promise<number>;
  /** Appends all events or none. Offsets come from the caller; an offset taken twice is an error. */
  append(topic: string, events: readonly LoggedEvent[]): Promise<void>;
  /** Up to `max` events of one partition from offset `from` on, in offset order. */
  read(topic: string, partition: number, from: number, max: number): Promise<LoggedEvent[]>;
}

export const EVENT_LOG_STORE = token<EventLogStore>('EventLogStore');
