import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import type { MemoryTopics } from './memory-topics.ts';

/** Appends to the in-process topics; an append is "durable" for the life of the process. */
export class MemoryPublisher implements EventPublisher {
  private closed = false;

  constructor(private readonly topics: MemoryTopics) {}

  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.closed) throw new Error('publisher is closed');
    this.topics.append(topic, messages);
  }

  async flush(): Promise<void> {
    // Appends complete synchronously: nothing is ever in flight.
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
