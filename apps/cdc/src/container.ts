import { redactUrl, type LedgerlineEnv } from '@ledgerline/config';
import { CHANGE_SOURCE } from '@ledgerline/cdc';
import { CompositionRoot } from '@ledgerline/di';
import { EVENT_PUBLISHER, TOPIC_ADMIN } from '@ledgerline/ingestion';
import type { KafkaAdapter } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { createPgoutputChangeSource } from '@ledgerline/postgres';

export type CdcEnv = LedgerlineEnv & { DATABASE_URL: string };

/**
 * The CDC bindings: the pgoutput ChangeSource on DATABASE_URL and, for `serve`, the Kafka
 * publisher and topic admin of the adapter main.ts opened (requireKafkaFromEnv). Everything
 * opened is disposed in reverse order by root.dispose().
 */
export async function buildCdcContainer(env: CdcEnv, logger: Logger, options: { kafka?: KafkaAdapter | undefined }): Promise<CompositionRoot> {
  const root = new CompositionRoot();
  const source = await createPgoutputChangeSource({
    url: env.DATABASE_URL,
    slot: env.CDC_SLOT,
    publication: env.CDC_PUBLICATION,
    tables: env.CDC_TABLES,
    replicaIdentityFull: env.CDC_REPLICA_IDENTITY_FULL,
    logger,
  });
  root.onDispose('change source', () => source.close());
  root.value(CHANGE_SOURCE, source, `pgoutput slot ${env.CDC_SLOT} on PostgreSQL (${redactUrl(env.DATABASE_URL)})`);
  const kafka = options.kafka;
  if (kafka) {
    root.onDispose('kafka', () => kafka.close());
    root.value(EVENT_PUBLISHER, kafka.publisher, `${kafka.description}, change topics ${env.CDC_TOPIC_PREFIX}.*`);
    root.value(TOPIC_ADMIN, kafka.admin, kafka.description);
  }
  return root;
}
