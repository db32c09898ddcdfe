import type { EventLogStore, LoggedEvent, OutgoingEvent } from '@ledgerline/ingestion';
import type { ChangeNotifier } from './change-notifier.ts';
import { partitionForKey } from './key-partitioner.ts';
import { DurablePartitionLog, MemoryPartitionLog, type PartitionLog, type StoredEvent } from './partition-log.ts';

export type { StoredEvent } from './partition-log.ts';

/**
 * Topics -> partitions -> append-only logs, in memory or, with an EventLogStore, durable.
 * Appends run one at a time, so offsets are handed out without gaps or duplicates.
 */
export class MemoryTopics {
  private readonly topics = new Map<string, PartitionLog[]>();
  private appending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly defaultPartitions: number,
    private readonly changes: ChangeNotifier,
    private readonly now: () => Date,
    private readonly store?: EventLogStore,
  ) {}

  /** Loads the topics and log ends the store holds (nothing to do without a store). */
  async open(): Promise<void> {
    if (!this.store) return;
    for (const topic of await this.store.loadTopics()) this.topics.set(topic.topic, this.durableLogs(topic.topic, topic.ends));
  }

  /** The topic's partition logs, created with `partitions` (or the default) when missing. */
  async ensure(name: string, partitions = this.defaultPartitions): Promise<PartitionLog[]> {
    const existing = this.topics.get(name);
    if (existing) return existing;
    if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError(`partitions must be a positive integer, got ${partitions}`);
    if (!this.store) {
      const logs = Array.from({ length: partitions }, () => new MemoryPartitionLog());
      this.topics.set(name, logs);
      return logs;
    }
    const count = await this.store.createTopic(name, partitions);
    // Another caller may have created it while the store answered.
    const raced = this.topics.get(name);
    if (raced) return raced;
    const logs = this.durableLogs(name, Array.from({ length: count }, () => 0));
    this.topics.set(name, logs);
    return logs;
  }

  get(name: string): PartitionLog[] | undefined {
    return this.topics.get(name);
  }

  /** Appends in order; a topic that does not exist yet is created (like auto.create.topics). */
  append(topic: string, events: readonly OutgoingEvent[]): Promise<void> {
    const run = this.appending.then(() => this.appendNow(topic, events));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async appendNow(topic: string, events: readonly OutgoingEvent[]): Promise<void> {
    const logs = await this.ensure(topic);
    const timestamp = this.now().toISOString();
    const byPartition = new Map<number, StoredEvent[]>();
    for (const event of events) {
      const partition = partitionForKey(event.key, logs.length);
      let list = byPartition.get(partition);
      if (!list) byPartition.set(partition, (list = []));
      list.push({
        key: event.key,
        // Copies, so that a caller reusing its buffer cannot change what was published.
        value: typeof event.value === 'string' ? Buffer.from(event.value, 'utf8') : Buffer.from(event.value),
        headers: { ...event.headers },
        timestamp,
      });
    }
    if (this.store) {
      const logged: LoggedEvent[] = [];
      for (const [partition, list] of byPartition) {
        const start = (logs[partition] as PartitionLog).end;
        list.forEach((event, i) => logged.push({ partition, offset: start + i, ...event }));
      }
      try {
        await this.store.append(topic, logged);
      } catch (error) {
        // The outcome is unknown (the write may have committed before the connection broke):
        // take the ends from the store again, so the retried publish never reuses an offset.
        await this.reloadEnds(topic).catch(() => undefined);
        throw error;
      }
    }
    for (const [partition, list] of byPartition) (logs[partition] as PartitionLog).appended(list);
    this.changes.notify();
  }

  private async reloadEnds(topic: string): Promise<void> {
    const stored = (await this.store?.loadTopics())?.find((t) => t.topic === topic);
    const logs = this.topics.get(topic);
    if (!stored || !logs) return;
    logs.forEach((log, partition) => {
      if (log instanceof DurablePartitionLog) log.end = stored.ends[partition] ?? log.end;
    });
  }

  private durableLogs(topic: string, ends: number[]): PartitionLog[] {
    const store = this.store as EventLogStore;
    return ends.map((end, partition) => new DurablePartitionLog(store, topic, partition, end));
  }
}
