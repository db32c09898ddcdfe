import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot } from '@ledgerline/di';
import { EVENT_PUBLISHER, EVENT_SUBSCRIBER, TOPIC_ADMIN, TRANSACTION_STORE } from '@ledgerline/ingestion';
import { requireKafkaFromEnv, type KafkaAdapter } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { postgresFromEnv } from '@ledgerline/postgres';

export interface StreamSinkWiring {
  concurrency: number;
  sessionTimeoutMs: number;
}

/**
 * The sink's Kafka adapter (requireKafkaFromEnv: a ConfigError naming KAFKA_BROKERS when unset),
 * its subscriber tuned by the sink's arguments. Nothing connects until the sink starts.
 */
export function openSinkKafka(env: LedgerlineEnv, logger: Logger, wiring: StreamSinkWiring): KafkaAdapter {
  return requireKafkaFromEnv(env, 'stream sink', {
    logger,
    role: 'stream-sink',
    subscriber: {
      partitionsConsumedConcurrently: wiring.concurrency,
      sessionTimeoutMs: wiring.sessionTimeoutMs,
      heartbeatIntervalMs: Math.min(3_000, Math.floor(wiring.sessionTimeoutMs / 3)),
    },
  });
}

/**
 * The sink's bindings: Kafka subscriber (+ publisher for the DLQ, + admin) and the
 * TransactionStore on PostgreSQL (DATABASE_URL) or embedded PGlite, each from its adapter's
 * factory. Async because opening the store connects; everything opened is disposed in reverse
 * order by root.dispose().
 */
export async function buildStreamSinkContainer(env: LedgerlineEnv, kafka: KafkaAdapter, logger: Logger): Promise<CompositionRoot> {
  const root = new CompositionRoot();
  const postgres = await postgresFromEnv(env, { logger });
  root.onDispose('store', () => postgres.close());
  root.value(TRANSACTION_STORE, postgres.store, postgres.description);
  root.onDispose('kafka', () => kafka.close());
  root.value(EVENT_SUBSCRIBER, kafka.subscriber, kafka.description);
  root.value(EVENT_PUBLISHER, kafka.publisher, `${kafka.description}, dead letters`);
  root.value(TOPIC_ADMIN, kafka.admin, kafka.description);
  return root;
}
