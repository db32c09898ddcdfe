import { type Consumer, type Kafka } from 'kafkajs';

/** The first message of a topic, read by a fresh consumer group (harness specs). */
export async function consumeOne(kafka: Kafka, topic: string, groupId: string): Promise<{ key: string; value: string; partition: number }> {
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
