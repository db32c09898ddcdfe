import type { Producer } from '@platformatic/kafka';
import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { InFlightPublishes } from '../in-flight-publishes.ts';
import { chunksBelow, MAX_REQUEST_BYTES } from '../publish-chunks.ts';
import { classifyPlatformaticError } from './platformatic-failures.ts';
import type { PlatformaticModule } from './platformatic-module.ts';

export interface PlatformaticConnection {
  brokers: string[];
  clientId: string;
}

/**
 * EventPublisher over a @platformatic/kafka producer, with the guarantees of the kafkajs one:
 * idempotent (the broker drops duplicates of the client's own retries), acks from all in-sync
 * replicas, Kafka's Java-compatible murmur2 key partitioning (same key, same partition as every
 * other Kafka client and as the kafkajs publisher), chunks below the broker's batch limit sent in
 * order. A broker outage makes publish wait (unlimited retries, 1 s apart); close() bounds that.
 */
export class PlatformaticPublisher implements EventPublisher {
  private producer: Promise<Producer<Buffer, Buffer, string, string>> | undefined;
  private readonly inFlight = new InFlightPublishes();
  private closed = false;

  constructor(
    private readonly kafka: () => Promise<PlatformaticModule>,
    private readonly connection: PlatformaticConnection,
    private readonly logger: Logger = silentLogger,
  ) {}

  publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('publisher is closed'));
    if (messages.length === 0) return Promise.resolve();
    return this.inFlight.track(this.send(topic, messages));
  }

  flush(): Promise<void> {
    return this.inFlight.flush();
  }

  async close(timeoutMs = 30_000): Promise<void> {
    this.closed = true;
    const outcome = await this.inFlight.drain(timeoutMs, this.logger);
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.then((p) => p.close(outcome === 'timeout')).catch(() => undefined);
  }

  private async send(topic: string, messages: OutgoingEvent[]): Promise<void> {
    const producer = this.connected();
    try {
      const client = await producer;
      for (const chunk of chunksBelow(messages, MAX_REQUEST_BYTES)) {
        await client.send({
          messages: chunk.map((m) => ({
            topic,
            key: m.nullKey ? undefined : Buffer.from(m.key),
            value: m.nullValue ? undefined : typeof m.value === 'string' ? Buffer.from(m.value) : m.value,
            headers: m.headers,
          })),
        });
      }
    } catch (error) {
      // As with kafkajs: after a failed send the idempotent sequence numbers may no longer match
      // the broker's; a fresh producer (new producer id) is the reliable way back. The caller retries.
      this.logger.warn('kafka send failed; the next publish uses a fresh producer', { topic, error });
      this.reset(producer);
      throw classifyPlatformaticError(error);
    }
  }

  private connected(): Promise<Producer<Buffer, Buffer, string, string>> {
    this.producer ??= this.kafka().then(
      (kafka) =>
        new kafka.Producer<Buffer, Buffer, string, string>({
          clientId: this.connection.clientId,
          bootstrapBrokers: this.connection.brokers,
          idempotent: true,
          acks: kafka.ProduceAcks.ALL,
          partitioner: kafka.compatibilityPartitioner,
          // Header names and values are strings on the port; keys and values go as bytes.
          serializers: { headerKey: kafka.stringSerializer, headerValue: kafka.stringSerializer },
          autocreateTopics: true,
          retries: true,
          retryDelay: 1_000,
        }),
    );
    return this.producer;
  }

  private reset(failed: Promise<Producer<Buffer, Buffer, string, string>>): void {
    if (this.producer === failed) this.producer = undefined;
    failed.then((p) => p.close(true)).catch(() => undefined);
  }
}
