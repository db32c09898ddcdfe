import { describeEventBusContract } from '@ledgerline/ingestion/testing';
import { startKafka } from '@ledgerline/testing';
import { createKafkaEventBus } from '../index.ts';

// The same EventBus contract as kafkajs, on @platformatic/kafka against the real broker.
describeEventBusContract(
  'Kafka (@platformatic/kafka)',
  async () => {
    const { brokers } = await startKafka();
    const bus = createKafkaEventBus({ brokers, clientId: 'contract-platformatic', client: 'platformatic' });
    // Loads the library and connects before the first test's clock starts (seconds on a loaded box).
    await bus.admin.partitionCount('contract_warm_up');
    return { ...bus, cleanup: () => bus.close() };
  },
  { waitMs: 30_000 },
);
