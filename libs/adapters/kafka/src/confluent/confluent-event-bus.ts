import { silentLogger, type Logger } from '@ledgerline/logging';
import { createKafkaClient } from '../kafka-client.ts';
import type { KafkaSubscriberOptions } from '../kafka-subscriber.ts';
import { KafkaTopicAdmin } from '../kafka-topic-admin.ts';
import { loadConfluent } from './confluent-module.ts';
import { ConfluentPublisher } from './confluent-publisher.ts';
import { ConfluentSubscriber, type ConfluentConnection } from './confluent-subscriber.ts';

/**
 * The EventBus ports over @confluentinc/kafka-javascript: its producer and consumer carry the
 * events; topic housekeeping (not on the hot path) stays on the kafkajs admin.
 */
export function createConfluentEventBus(connection: ConfluentConnection, logger: Logger = silentLogger, subscriber: KafkaSubscriberOptions = {}) {
  const publisher = new ConfluentPublisher(loadConfluent, connection, logger.child('kafka-publisher'));
  const admin = new KafkaTopicAdmin(createKafkaClient({ brokers: connection.brokers, clientId: `${connection.clientId}-admin`, logger }));
  return {
    publisher,
    subscriber: new ConfluentSubscriber(loadConfluent, connection, logger, subscriber),
    admin,
    close: async () => {
      await Promise.allSettled([publisher.close(), admin.close()]);
    },
  };
}
