import { describeEventBusContract } from '@ledgerline/ingestion/testing';
import { createMemoryEventBus } from './index.ts';

describeEventBusContract('in-process bus', async () => {
  const bus = createMemoryEventBus({ defaultPartitions: 3 });
  return { ...bus, cleanup: async () => bus.publisher.close() };
});
