import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { chunksBelow, MAX_REQUEST_BYTES } from '../publish-chunks.ts';
import type { ConfluentModule, ConfluentProducer } from './confluent-module.ts';
import type { ConfluentConnection } from './confluent-subscriber.ts';

/**
 * EventPublisher over @confluentinc/kafka-javascript's producer (librdkafka), with the kafkajs
 * publisher's guarantees: idempotent, acks from all in-sync replicas, Kafka's Java-compatible
 * murmur2 key partitioning (librdkafka's own default hashes with CRC32, which would put a key on
 * another partition than the other clients do), publish resolving once every message is acknowledged.
 * librdkafka retries a send by itself until its delivery timeout; a broker outage longer than that fails the publish (the caller retries).
 */
export class ConfluentPublisher implements EventPublisher {
  private client: { producer: ConfluentProducer; ready: Promise<void> } | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly load: () => ConfluentModule,
    private readonly connection: ConfluentConnection,
    private readonly logger: Logger = silentLogger,
  ) {}

  publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('publisher is closed'));
    if (messages.length === 0) return Promise.resolve();
    const sending = this.send(topic, messages);
    this.inFlight.add(sending);
    const forget = () => this.inFlight.delete(sending);
    sending.then(forget, forget);
    return sending;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  async close(timeoutMs = 30_000): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([this.flush().then(() => 'flushed' as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.logger.warn('closing with publishes still in flight', { in_flight: this.inFlight.size });
    const client = this.client;
    this.client = undefined;
    if (client) await client.producer.disconnect().catch(() => undefined);
  }

  private async send(topic: string, messages: OutgoingEvent[]): Promise<void> {
    const producer = await this.connected();
    for (const chunk of chunksBelow(messages, MAX_REQUEST_BYTES)) {
      await producer.send({
        topic,
        messages: chunk.map((m) => ({
          key: m.nullKey ? null : Buffer.from(m.key),
          value: m.nullValue ? null : typeof m.value === 'string' ? Buffer.from(m.value) : m.value,
          headers: m.headers,
        })),
      });
    }
  }

  private async connected(): Promise<ConfluentProducer> {
    if (!this.client) {
      const kafka = new (this.load().KafkaJS.Kafka)({ kafkaJS: { brokers: this.connection.brokers, clientId: this.connection.clientId, logLevel: 1 } });
      const producer = kafka.producer({
        kafkaJS: { idempotent: true, acks: -1, allowAutoTopicCreation: true },
        partitioner: 'murmur2_random',
        // A few ms of batching: librdkafka sends per-partition batches from its own thread.
        'linger.ms': 5,
      });
      this.client = { producer, ready: producer.connect() };
    }
    const client = this.client;
    try {
      await client.ready;
    } catch (error) {
      if (this.client === client) this.client = undefined;
      throw error;
    }
    return client.producer;
  }
}
