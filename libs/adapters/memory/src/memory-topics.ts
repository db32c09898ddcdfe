import type { OutgoingEvent } from '@ledgerline/ingestion';
import type { ChangeNotifier } from './change-notifier.ts';
import { partitionForKey } from './key-partitioner.ts';

/** An event as the bus keeps it; its offset is its index in the partition's log. */
export interface StoredEvent {
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: string;
}

/** Topics -> partitions -> append-only logs. Nothing is ever removed (no retention). */
export class MemoryTopics {
  private readonly topics = new Map<string, StoredEvent[][]>();

  constructor(
    private readonly defaultPartitions: number,
    private readonly changes: ChangeNotifier,
    private readonly now: () => Date,
  ) {}

  /** The topic's partition logs, created with `partitions` (or the default) when missing. */
  ensure(name: string, partitions = this.defaultPartitions): StoredEvent[][] {
    let logs = this.topics.get(name);
    if (!logs) {
      if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
      logs = Array.from({ length: partitions }, () => []);
      this.topics.set(name, logs);
    }
    return logs;
  }

  get(name: string): StoredEvent[][] | undefined {
    return this.topics.get(name);
  }

  /** Appends in order; a topic that does not exist yet is created (like auto.create.topics). */
  append(topic: string, events: OutgoingEvent[]): void {
    const logs = this.ensure(topic);
    const timestamp = this.now().toISOString();
    for (const event of events) {
      const log = logs[partitionForKey(event.key, logs.length)];
      if (!log) throw new Error(`no partition for key ${event.key}`);
      log.push({
        key: event.key,
        // Copies, so that a caller reusing its buffer cannot change what was published.
        value: typeof event.value === 'string' ? Buffer.from(event.value, 'utf8') : Buffer.from(event.value),
        headers: { ...event.headers },
        timestamp,
      });
    }
    this.changes.notify();
  }
}
