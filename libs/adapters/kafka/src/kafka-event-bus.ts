import type { EventPublisher, EventSubscriber, TopicAdmin } from '@ledgerline/ingestion';
import { silentLogger } from '@ledgerline/logging';
import type { KafkaClientName } from './configuration.ts';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
import { KafkaPublisher } from './kafka-publisher.ts';
import { KafkaSubscriber, type KafkaSubscriberOptions } from './kafka-subscriber.ts';
import { KafkaTopicAdmin } from './kafka-topic-admin.ts';
import { createPlatformaticEventBus } from './platformatic/platformatic-event-bus.ts';

export interface KafkaEventBusOptions extends KafkaClientOptions {
  /** The client library (KAFKA_CLIENT); default kafkajs. */
  client?: KafkaClientName;
  subscriber?: KafkaSubscriberOptions;
}

/** The topic admin of every client, plus the Kafka-only housekeeping that benchmarks and tools use. */
export interface KafkaAdmin extends TopicAdmin {
  deleteTopics(names: string[]): Promise<void>;
}

export interface KafkaEventBus {
  publisher: EventPublisher;
  subscriber: EventSubscriber;
  admin: KafkaAdmin;
  /** Flushes and disconnects the publisher and the admin (subscriptions stop themselves). */
  close(): Promise<void>;
}

/** The Kafka event bus: the three ports over one client of the chosen library. */
export function createKafkaEventBus(options: KafkaEventBusOptions): KafkaEventBus {
  const logger = options.logger ?? silentLogger;
  if (options.brokers.length === 0) throw new Error('at least one Kafka broker is required');
  const connection = { brokers: options.brokers, clientId: options.clientId ?? 'ledgerline' };
  if (options.client === 'platformatic') return createPlatformaticEventBus(connection, logger, options.subscriber);
  const kafka = createKafkaClient(options);
  const publisher = new KafkaPublisher(kafka, logger.child('kafka-publisher'));
  const admin = new KafkaTopicAdmin(kafka);
  return {
    publisher,
    subscriber: new KafkaSubscriber(kafka, logger, options.subscriber),
    admin,
    close: async () => {
      await Promise.allSettled([publisher.close(), admin.close()]);
    },
  };
}
