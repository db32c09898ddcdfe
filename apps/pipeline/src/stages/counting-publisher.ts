import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';

/** Decorates the publisher to count what the producer hands to the bus, for the live status. */
export class CountingPublisher implements EventPublisher {
  published = 0;

  constructor(
    private readonly inner: EventPublisher,
    private readonly onPublished: (count: number) => void = () => undefined,
  ) {}

  async publish(topic: string, events: OutgoingEvent[]): Promise<void> {
    await this.inner.publish(topic, events);
    this.published += events.length;
    this.onPublished(events.length);
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
