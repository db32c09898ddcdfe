import { silentLogger, type Logger } from '@ledgerline/logging';
import type { KafkaSubscriberOptions } from '../kafka-subscriber.ts';
import { loadPlatformatic } from './platformatic-module.ts';
import { PlatformaticPublisher, type PlatformaticConnection } from './platformatic-publisher.ts';
import { PlatformaticSubscriber } from './platformatic-subscriber.ts';
import { PlatformaticTopicAdmin } from './platformatic-topic-admin.ts';

/** The three EventBus ports over @platformatic/kafka (loaded on first use). */
export function createPlatformaticEventBus(connection: PlatformaticConnection, logger: Logger = silentLogger, subscriber: KafkaSubscriberOptions = {}) {
  const publisher = new PlatformaticPublisher(loadPlatformatic, connection, logger.child('kafka-publisher'));
  const admin = new PlatformaticTopicAdmin(loadPlatformatic, connection);
  return {
    publisher,
    subscriber: new PlatformaticSubscriber(loadPlatformatic, connection, logger, subscriber),
    admin,
    close: async () => {
      await Promise.allSettled([publisher.close(), admin.close()]);
    },
  };
}
