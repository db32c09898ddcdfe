import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { startKafka, uniqueName } from './index.ts';
import { consumeOne } from './kafka-consume-one.test-helper.ts';

describe('Kafka harness', () => {
  const clients: Producer[] = [];
  afterAll(async () => {
    for (const c of clients) await c.disconnect();
  });

  it('produces and consumes one message through a consumer group on an auto-created 6-partition topic', async () => {
    const { brokers } = await startKafka();
    const kafka = new Kafka({ clientId: 'harness-smoke', brokers, logLevel: logLevel.NOTHING });
    const topic = uniqueName('harness_smoke');
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    clients.push(producer);
    await producer.connect();
    const [sent] = await producer.send({ topic, acks: -1, messages: [{ key: 'tx_1', value: '{"amount":"12.30"}' }] });

    const got = await consumeOne(kafka, topic, uniqueName('harness_group'));
    expect(got).toEqual({ key: 'tx_1', value: '{"amount":"12.30"}', partition: sent?.partition });

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics[0]?.partitions).toHaveLength(6);
    } finally {
      await admin.disconnect();
    }
  });
});
