import { startKafkaContainer } from './containers.ts';
import { kafkaBrokersFromEnv, kafkaEndpointSchema, type KafkaEndpoint } from './endpoint-schemas.ts';
import { cachedPerProcess, resolveEndpoint } from './resolve-endpoint.ts';
import { runServiceScript, startLocalService } from './run-service-script.ts';

// First start on a cold machine fetches the broker jars from Maven Central.
const LOCAL_START_TIMEOUT_MS = 300_000;

const resolveKafka = cachedPerProcess(() =>
  resolveEndpoint<KafkaEndpoint>({
    fromEnv: () => {
      const brokers = process.env.TEST_KAFKA_BROKERS;
      return brokers ? kafkaBrokersFromEnv(brokers) : undefined;
    },
    fromContainer: startKafkaContainer,
    fromLocal: () => startLocalService('kafka', kafkaEndpointSchema, LOCAL_START_TIMEOUT_MS),
  }),
);

/** Bootstrap brokers: TEST_KAFKA_BROKERS (comma-separated), else a container, else the local broker. */
export async function startKafka(): Promise<{ brokers: string[] }> {
  return (await resolveKafka()).value;
}

/**
 * Stops and starts the local broker on the same port and data dir (for fault tests: clients see a
 * real broker outage and must recover). Only the local service can be restarted this way.
 */
export async function restartKafka(): Promise<void> {
  const { source } = await resolveKafka();
  if (source !== 'local') {
    throw new Error(
      `restartKafka works only with the local broker from tools/services/kafka.sh; this process got Kafka from ` +
        `${source === 'env' ? 'TEST_KAFKA_BROKERS' : 'Testcontainers'}. Unset it (or set LEDGERLINE_NO_DOCKER=1) to run fault tests.`,
    );
  }
  await runServiceScript('kafka', ['restart'], LOCAL_START_TIMEOUT_MS);
}
