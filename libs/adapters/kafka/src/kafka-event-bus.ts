import { silentLogger } from '@ledgerline/logging';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
import { KafkaPublisher } from './kafka-publisher.ts';
import { KafkaSubscriber, type KafkaSubscriberOptions } from './kafka-subscriber.ts';
import { KafkaTopicAdmin } from './kafka-topic-admin.ts';

export interface KafkaEventBusOptions extends KafkaClientOptions {
  subscriber?: KafkaSubscriberOptions;
}

export interface KafkaEventBus {
  publisher: KafkaPublisher;
  subscriber: KafkaSubscriber;
  admin: KafkaTopicAdmin;
  /** Flushes and disconnects the publisher and the admin (subscriptions stop themselves). */
  close(): Promise<void>;
}

/** The Kafka event bus: the three ports over one kafkajs client. */
export function createKafkaEventBus(options: KafkaEventBusOptions): KafkaEventBus {
  const logger = options.logger ?? silentLogger;
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
