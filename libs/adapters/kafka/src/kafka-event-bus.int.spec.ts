import { describeEventBusContract } from '@ledgerline/ingestion/testing';
import { startKafka } from '@ledgerline/testing';
import { createKafkaEventBus } from './index.ts';

describeEventBusContract(
  'Kafka (kafkajs)',
  async () => {
    const { brokers } = await startKafka();
    const bus = createKafkaEventBus({ brokers, clientId: 'contract-test', kafkaLogLevel: 'error' });
    return { ...bus, cleanup: () => bus.close() };
  },
  // Joining a consumer group takes a few seconds on a real broker.
  { waitMs: 30_000 },
);
