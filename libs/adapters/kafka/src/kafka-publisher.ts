import type { Kafka, Producer } from 'kafkajs';
import type { EventPublisher, OutgoingEvent } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { InFlightPublishes } from './in-flight-publishes.ts';
import { Murmur2Partitioner } from './murmur2-partitioner.ts';
import { classifyKafkaError } from './kafka-failures.ts';
import { chunksBelow, MAX_REQUEST_BYTES } from './publish-chunks.ts';

/**
 * EventPublisher over a kafkajs producer: idempotent (the broker drops duplicates of kafkajs'
 * own retries, which never give up), acks from all in-sync replicas, one request in flight per broker so retries
 * cannot reorder a partition. Kafka's default (murmur2) key partitioner keeps each key on one
 * partition. `publish` resolves when the broker acknowledged every message.
 */
export class KafkaPublisher implements EventPublisher {
  private client: { producer: Producer; ready: Promise<void> } | undefined;
  private readonly inFlight = new InFlightPublishes();
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
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

  /** Waits up to `timeoutMs` for publishes in flight (a broker outage would stall them forever). */
  async close(timeoutMs = 30_000): Promise<void> {
    this.closed = true;
    await this.inFlight.drain(timeoutMs, this.logger);
    const client = this.client;
    this.client = undefined;
    if (client) await client.producer.disconnect();
  }

  private async send(topic: string, messages: OutgoingEvent[]): Promise<void> {
    const producer = await this.connected();
    try {
      // kafkajs sends one record batch per partition and request; the broker refuses a batch above
      // message.max.bytes (1 MiB by default) as a whole. So large publishes go out in chunks, in
      // order (one request in flight). A failure after an earlier chunk was acknowledged makes the
      // caller's retry publish that chunk again: at-least-once, as any retried publish.
      for (const chunk of chunksBelow(messages, MAX_REQUEST_BYTES)) {
        await producer.send({
          topic,
          acks: -1,
          messages: chunk.map((m) => ({ key: m.nullKey ? null : m.key, value: m.nullValue ? null : m.value, headers: m.headers })),
        });
      }
    } catch (error) {
      // After a failed send the idempotent producer's sequence numbers may no longer match the
      // broker's; a fresh producer (new producer id) is the reliable way back. The caller retries.
      this.logger.warn('kafka send failed; the next publish uses a fresh producer', { topic, error });
      this.reset(producer);
      throw classifyKafkaError(error);
    }
  }

  private async connected(): Promise<Producer> {
    if (!this.client) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        // Kafka's default (murmur2) key partitioning, computed without kafkajs' per-key Long objects.
        createPartitioner: Murmur2Partitioner,
        // Unlimited retries keep idempotence intact (kafkajs warns otherwise): a broker outage
        // makes publish wait, not fail. close() bounds that wait.
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 5_000 },
      });
      this.client = { producer, ready: producer.connect() };
    }
    const client = this.client;
    try {
      await client.ready;
    } catch (error) {
      this.reset(client.producer);
      throw classifyKafkaError(error);
    }
    return client.producer;
  }

  private reset(failed: Producer): void {
    if (this.client?.producer === failed) this.client = undefined;
    failed.disconnect().catch(() => undefined);
  }
}
