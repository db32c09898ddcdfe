import { CompositionRoot } from '@ledgerline/di';
import type { LedgerlineEnv } from '@ledgerline/config';
import { EVENT_PUBLISHER, TOPIC_ADMIN } from '@ledgerline/ingestion';
import { createKafkaEventBus, describeLeanKafkajs, leanKafkajs, parseBrokers } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';

/**
 * The producer's bindings: Kafka publisher and topic admin. The in-process bus is not offered:
 * a separate producer process could not share it with a sink (see main.ts).
 */
export function buildProducerContainer(env: LedgerlineEnv & { KAFKA_BROKERS: string }, logger: Logger): CompositionRoot {
  const bus = createKafkaEventBus({ brokers: parseBrokers(env.KAFKA_BROKERS), clientId: `${env.KAFKA_CLIENT_ID}-producer`, logger });
  const root = new CompositionRoot()
    .value(EVENT_PUBLISHER, bus.publisher, `Kafka (${env.KAFKA_BROKERS}), kafkajs ${describeLeanKafkajs(leanKafkajs)}`)
    .value(TOPIC_ADMIN, bus.admin, `Kafka admin (${env.KAFKA_BROKERS})`);
  root.onDispose('kafka', () => bus.close());
  return root;
}
