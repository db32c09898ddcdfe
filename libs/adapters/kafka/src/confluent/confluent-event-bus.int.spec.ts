import { describeEventBusContract } from '@ledgerline/ingestion/testing';
import { startKafka } from '@ledgerline/testing';
import { createKafkaEventBus } from '../index.ts';

// The same EventBus contract as kafkajs, on @confluentinc/kafka-javascript (librdkafka) against
// the real broker. Needs the native build of tools/setup.sh; without it the first port call fails
// with the error that names the setup step.
describeEventBusContract(
  'Kafka (@confluentinc/kafka-javascript)',
  async () => {
    const { brokers } = await startKafka();
    const bus = createKafkaEventBus({ brokers, clientId: 'contract-confluent', client: 'confluent' });
    await bus.admin.partitionCount('contract_warm_up');
    return { ...bus, cleanup: () => bus.close() };
  },
  { waitMs: 30_000 },
);
