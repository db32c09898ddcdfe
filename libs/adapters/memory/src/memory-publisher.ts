import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import type { MemoryTopics } from './memory-topics.ts';

/**
 * Appends to the in-process topics. Without an EventLogStore an append lasts as long as the
 * process; with one, publish resolves once the store holds the events (survives a restart).
 */
export class MemoryPublisher implements EventPublisher {
  private closed = false;

  constructor(private readonly topics: MemoryTopics) {}

  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.closed) throw new Error('publisher is closed');
    await this.topics.append(topic, messages);
  }

  async flush(): Promise<void> {
    // Appends complete synchronously: nothing is ever in flight.
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
