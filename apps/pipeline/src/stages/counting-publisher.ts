import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';

/**
 * Decorates the publisher to count what the producer hands to the bus, for the live status, and
 * to remember how far in simulated time the acknowledged events reach (StreamHorizon).
 */
export class CountingPublisher implements EventPublisher {
  published = 0;
  /** occurred_at of the last event acknowledged: the producer publishes in time order, one chunk at a time. */
  acknowledgedThrough: Date | undefined;

  constructor(
    private readonly inner: EventPublisher,
    private readonly onPublished: (count: number) => void = () => undefined,
  ) {}

  async publish(topic: string, events: OutgoingEvent[]): Promise<void> {
    await this.inner.publish(topic, events);
    this.published += events.length;
    const last = events.at(-1);
    const at = last ? occurredAtOf(last) : undefined;
    if (at) this.acknowledgedThrough = at;
    this.onPublished(events.length);
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The event's occurred_at (the published transaction contract), or undefined for anything else. */
function occurredAtOf(event: OutgoingEvent): Date | undefined {
  try {
    const value: unknown = JSON.parse(event.value.toString());
    const at = typeof value === 'object' && value !== null ? (value as { occurred_at?: unknown }).occurred_at : undefined;
    const date = typeof at === 'string' ? new Date(at) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  } catch {
    return undefined;
  }
}
