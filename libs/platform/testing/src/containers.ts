import { createServer } from 'node:net';
import type { ChromaEndpoint, KafkaEndpoint, PostgresEndpoint } from './endpoint-schemas.ts';

// Testcontainers path, used only when a container runtime answers. The package is imported lazily
// so machines without Docker never load it. Ryuk removes the containers when the process exits.
// Images match docker/compose.yml and the local scripts' versions.
const POSTGRES_IMAGE = 'postgres:17.4';
const KAFKA_IMAGE = 'apache/kafka:4.4.0';
const CHROMA_IMAGE = 'chromadb/chroma:1.5.9';

const loadTestcontainers = () => import('testcontainers');

export async function startPostgresContainer(): Promise<PostgresEndpoint> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(POSTGRES_IMAGE)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withCommand(['postgres', '-c', 'wal_level=logical', '-c', 'max_connections=200'])
    .withExposedPorts(5432)
    // The entrypoint restarts the server once after init; the second "ready" line is the real one.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return { url: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres` };
}

function freeHostPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startKafkaContainer(): Promise<KafkaEndpoint> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  // Kafka hands clients its advertised address, so the host port must be known before start:
  // bind a fixed free host port instead of a random mapping.
  const port = await freeHostPort();
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_NUM_PARTITIONS: '6',
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_HEAP_OPTS: '-Xmx512m',
    })
    .withExposedPorts({ container: 9092, host: port })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { brokers: [`${container.getHost() === 'localhost' ? '127.0.0.1' : container.getHost()}:${port}`] };
}

export async function startChromaContainer(): Promise<ChromaEndpoint> {
  const { GenericContainer, Wait } = await loadTestcontainers();
  const container = await new GenericContainer(CHROMA_IMAGE)
    .withEnvironment({ ANONYMIZED_TELEMETRY: 'False' })
    .withExposedPorts(8000)
    .withWaitStrategy(Wait.forHttp('/api/v2/heartbeat', 8000))
    .start();
  return { url: `http://${container.getHost()}:${container.getMappedPort(8000)}` };
}
