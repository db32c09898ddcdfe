import { startKafka, uniqueName } from '@ledgerline/testing';
import { describe, expect, it } from 'vitest';
import { createKafkaEventBus } from './index.ts';

describe('KafkaPublisher on a real broker', () => {
  it('publishes more than the broker’s 1 MiB batch limit in one call (a CDC snapshot batch), in order', async () => {
    const { brokers } = await startKafka();
    const bus = createKafkaEventBus({ brokers, clientId: 'publisher-test', kafkaLogLevel: 'error' });
    const topic = uniqueName('large_publish');
    try {
      await bus.admin.ensureTopics([{ name: topic, partitions: 1 }]);
      // 5,000 events of ~600 bytes: 3 MB, one partition. Sent as one batch the broker refuses it
      // ("The request included a message larger than the max message size the server will accept").
      const messages = Array.from({ length: 5_000 }, (_, i) => ({ key: `k${i % 7}`, value: JSON.stringify({ i, pad: 'x'.repeat(580) }) }));
      await bus.publisher.publish(topic, messages);
      expect(await bus.admin.endOffsets(topic)).toMatchObject([{ partition: 0, offset: '5000' }]);
    } finally {
      await bus.close();
    }
  });
});
