import { CHANGE_SOURCE } from '@ledgerline/cdc';
import { CompositionRoot } from '@ledgerline/di';
import { EVENT_PUBLISHER, TOPIC_ADMIN } from '@ledgerline/ingestion';
import type { KafkaAdapter } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { openPgoutput } from '@ledgerline/postgres';

/**
 * The CDC bindings: the pgoutput ChangeSource (settings from pgoutputOptionsFromEnv, the only reader
 * of DATABASE_URL, CDC_SLOT, CDC_PUBLICATION, ...) and, for `serve`, the Kafka publisher and topic admin of the adapter main.ts
 * opened (requireKafkaFromEnv). Everything opened is disposed in reverse order by root.dispose().
 */
export async function buildCdcContainer(
  pgoutput: Parameters<typeof openPgoutput>[0],
  logger: Logger,
  options: { kafka?: KafkaAdapter | undefined; topicPrefix: string },
): Promise<CompositionRoot> {
  const root = new CompositionRoot();
  const { source, description } = await openPgoutput(pgoutput, { logger });
  root.onDispose('change source', () => source.close());
  root.value(CHANGE_SOURCE, source, description);
  const kafka = options.kafka;
  if (kafka) {
    root.onDispose('kafka', () => kafka.close());
    root.value(EVENT_PUBLISHER, kafka.publisher, `${kafka.description}, change topics ${options.topicPrefix}.*`);
    root.value(TOPIC_ADMIN, kafka.admin, kafka.description);
  }
  return root;
}
