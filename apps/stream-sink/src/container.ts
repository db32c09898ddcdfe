import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot } from '@ledgerline/di';
import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, TOPIC_ADMIN, TRANSACTION_STORE } from '@ledgerline/ingestion';
import { createKafkaEventBus, describeLeanKafkajs, leanKafkajs, parseBrokers } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { postgresFromEnv } from '@ledgerline/postgres';

export interface StreamSinkWiring {
  concurrency: number;
  sessionTimeoutMs: number;
}

/**
 * The sink's bindings: Kafka subscriber (+ publisher for the DLQ, + admin) and the
 * TransactionStore on PostgreSQL (DATABASE_URL) or embedded PGlite. Async because opening the
 * store connects; everything opened is disposed in reverse order by root.dispose().
 */
export async function buildStreamSinkContainer(
  env: LedgerlineEnv & { KAFKA_BROKERS: string },
  logger: Logger,
  wiring: StreamSinkWiring,
): Promise<CompositionRoot> {
  const root = new CompositionRoot();
  const postgres = await postgresFromEnv(env, { logger });
  root.onDispose('store', () => postgres.close());
  root.value(TRANSACTION_STORE, postgres.store, postgres.description);

  const bus = createKafkaEventBus({
    brokers: parseBrokers(env.KAFKA_BROKERS),
    clientId: `${env.KAFKA_CLIENT_ID}-stream-sink`,
    logger,
    subscriber: {
      partitionsConsumedConcurrently: wiring.concurrency,
      sessionTimeoutMs: wiring.sessionTimeoutMs,
      heartbeatIntervalMs: Math.min(3_000, Math.floor(wiring.sessionTimeoutMs / 3)),
    },
  });
  root.onDispose('kafka', () => bus.close());
  const kafka = `Kafka (${env.KAFKA_BROKERS})`;
  root.value(EVENT_SUBSCRIBER, bus.subscriber, `${kafka}, kafkajs ${describeLeanKafkajs(leanKafkajs)}`);
  root.value(EVENT_PUBLISHER, bus.publisher, `${kafka}, dead letters`);
  root.value(TOPIC_ADMIN, bus.admin, kafka);
  return root;
}
