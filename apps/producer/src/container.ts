import { CompositionRoot } from '@ledgerline/di';
import { EVENT_PUBLISHER, TOPIC_ADMIN } from '@ledgerline/ingestion';
import type { KafkaAdapter } from '@ledgerline/kafka';

/**
 * The producer's bindings: Kafka publisher and topic admin, from the adapter's factory
 * (requireKafkaFromEnv). The in-process bus is not offered: a separate producer process could not
 * share it with a sink (see main.ts).
 */
export function buildProducerContainer(kafka: KafkaAdapter): CompositionRoot {
  const root = new CompositionRoot().value(EVENT_PUBLISHER, kafka.publisher, kafka.description).value(TOPIC_ADMIN, kafka.admin, `${kafka.description}, admin`);
  root.onDispose('kafka', () => kafka.close());
  return root;
}
