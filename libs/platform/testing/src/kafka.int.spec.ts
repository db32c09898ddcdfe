import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { restartKafka, startKafka, uniqueName } from './index.ts';

async function consumeOne(kafka: Kafka, topic: string, groupId: string): Promise<{ key: string; value: string; partition: number }> {
  const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            resolve({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', partition });
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

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

  it('restarts the broker on the same address and keeps its data', async () => {
    const { brokers } = await startKafka();
    const kafka = new Kafka({ clientId: 'harness-restart', brokers, logLevel: logLevel.NOTHING });
    const topic = uniqueName('harness_restart');
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'before', value: 'restart' }] });
    await producer.disconnect();

    await restartKafka();

    expect(await startKafka()).toEqual({ brokers });
    const got = await consumeOne(kafka, topic, uniqueName('harness_group'));
    expect(got).toMatchObject({ key: 'before', value: 'restart' });
  });
});
