import type { EventLogStore } from '@ledgerline/ingestion';

/** An event as the bus keeps it; its offset is its position in the partition's log. */
export interface StoredEvent {
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: string;
}

/** One partition's append-only log. Nothing is ever removed (no retention). */
export interface PartitionLog {
  /** The offset the next appended event gets. */
  readonly end: number;
  /** Up to `max` events from offset `from` on. */
  read(from: number, max: number): Promise<StoredEvent[]>;
  /** Records events as appended at the end (after the durable store, if any, accepted them). */
  appended(events: readonly StoredEvent[]): void;
}

/** The log of a bus without a store: lives as long as the process. */
export class MemoryPartitionLog implements PartitionLog {
  private readonly events: StoredEvent[] = [];

  get end(): number {
    return this.events.length;
  }

  async read(from: number, max: number): Promise<StoredEvent[]> {
    return this.events.slice(from, from + max);
  }

  appended(events: readonly StoredEvent[]): void {
    for (const event of events) this.events.push(event);
  }
}

/**
 * The log of a bus with an EventLogStore: only the end offset is held here; events are read back
 * from the store, so memory stays flat however long the log grows and a restart sees every
 * event a previous process appended.
 */
export class DurablePartitionLog implements PartitionLog {
  constructor(
    private readonly store: EventLogStore,
    private readonly topic: string,
    private readonly partition: number,
    public end: number,
  ) {}

  async read(from: number, max: number): Promise<StoredEvent[]> {
    const events = await this.store.read(this.topic, this.partition, from, max);
    return events.map(({ key, value, headers, timestamp }) => ({ key, value, headers, timestamp }));
  }

  appended(events: readonly StoredEvent[]): void {
    this.end += events.length;
  }
}
