import type { EventPublisher, OutgoingEvent, ProducerCheckpointStore } from '@ledgerline/ingestion';
import type { StreamPlan } from '@ledgerline/transactions';

/**
 * Decorates the producer's publisher: after the bus acknowledged a chunk, the stream position
 * moves on by its size and is saved. The producer publishes one chunk at a time, in stream
 * order, so the position is exactly "events acknowledged". A crash between the ack and the save
 * makes the next run publish that one chunk again: the same events (same tx_ids and content),
 * which the sink's idempotent upsert absorbs.
 */
export class CheckpointingPublisher implements EventPublisher {
  constructor(
    private readonly inner: EventPublisher,
    private readonly checkpoints: ProducerCheckpointStore,
    private readonly stream: string,
    private readonly plan: StreamPlan,
    private position: number,
  ) {}

  async publish(topic: string, events: OutgoingEvent[]): Promise<void> {
    await this.inner.publish(topic, events);
    this.position += events.length;
    await this.checkpoints.save(this.stream, { plan: this.plan, position: this.position });
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
