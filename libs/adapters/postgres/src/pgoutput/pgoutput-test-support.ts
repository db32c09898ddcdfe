import { decodeChangeEvent, type ChangeEvent } from '@ledgerline/cdc';
import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';

/**
 * Stands in for Kafka in the adapter's own specs (an adapter may not import another adapter;
 * apps/cdc runs the real broker). Records every published event, decoded, in publish order.
 */
export class RecordingPublisher implements EventPublisher {
  readonly events: Array<{ topic: string; key: string; value: ChangeEvent }> = [];
  /** Publishes fail while this is true (a broker outage). */
  down = false;

  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.down) throw new Error('KafkaJSConnectionError: broker down (test)');
    for (const message of messages) {
      const decoded = decodeChangeEvent(message.value);
      if (!decoded.ok) throw new Error(`published an invalid change event: ${decoded.error}`);
      this.events.push({ topic, key: message.key, value: decoded.event });
    }
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}

  of(table: string) {
    return this.events.filter((event) => event.value.source.table === table);
  }
}

export async function waitFor(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
