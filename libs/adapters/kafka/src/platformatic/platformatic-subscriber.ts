import type { Consumer } from '@platformatic/kafka';
import type { EventSubscriber, SubscribeOptions, Subscription } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import type { KafkaSubscriberOptions } from '../kafka-subscriber.ts';
import type { PlatformaticModule } from './platformatic-module.ts';
import type { PlatformaticConnection } from './platformatic-publisher.ts';
import { PartitionFetchLoop } from './partition-fetch-loop.ts';

const MIB = 1024 * 1024;

/**
 * EventSubscriber over a @platformatic/kafka consumer group, with offsets owned by the caller.
 * The library's message stream decides positions itself (committed offset, no seek), so this
 * subscriber joins the group through the client and runs its own fetch loop over the client's
 * `fetch` (PartitionFetchLoop): on every assignment each partition starts at the stored position
 * (`loadOffsets`), else at the group's committed offset, else at the log start; a batch is
 * committed to Kafka only after eachBatch resolved (for lag monitoring; the caller's stored
 * offset stays the truth, so a failed Kafka commit is only logged).
 */
export class PlatformaticSubscriber implements EventSubscriber {
  constructor(
    private readonly kafka: () => Promise<PlatformaticModule>,
    private readonly connection: PlatformaticConnection,
    private readonly logger: Logger = silentLogger,
    private readonly options: KafkaSubscriberOptions = {},
  ) {}

  async run(subscribe: SubscribeOptions): Promise<Subscription> {
    const kafka = await this.kafka();
    const log = this.logger.child('kafka-subscriber', { topic: subscribe.topic, group: subscribe.groupId, client: 'platformatic' });
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer: Consumer = new kafka.Consumer({
      clientId: this.connection.clientId,
      bootstrapBrokers: this.connection.brokers,
      groupId: subscribe.groupId,
      autocommit: false,
      sessionTimeout,
      rebalanceTimeout: sessionTimeout,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxWaitTime: this.options.maxWaitTimeMs ?? 500,
      minBytes: this.options.minBytes ?? 64 * 1024,
      maxBytes: this.options.maxBytes ?? 8 * MIB,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 2 * MIB,
      autocreateTopics: true,
      // A restarting broker takes seconds: ride it out instead of failing the subscription.
      retries: 20,
      retryDelay: 500,
    });
    const loop = new PartitionFetchLoop(kafka, consumer, subscribe, log, {
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 2 * MIB,
      assignmentWaitLogMs: this.options.assignmentWaitLogMs ?? 5_000,
      concurrency: this.options.partitionsConsumedConcurrently ?? 1,
    });
    try {
      consumer.topics.track(subscribe.topic);
      await consumer.joinGroup({});
    } catch (error) {
      await consumer.close(true).catch(() => undefined);
      throw error;
    }
    return loop.start();
  }
}
