import type { Admin, Consumer, Producer } from 'kafkajs';
import { Kafka, logLevel } from '../kafkajs-runtime.ts';

/** One record as a probe reads it back: the bytes as sent, and where the broker put them. */
export interface ProbedRecord {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly partition: number;
  readonly offset: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** A topic being read from its beginning by a fresh consumer group; stop() leaves the group. */
export interface TopicReader {
  stop(): Promise<void>;
}

/**
 * What an app's test does with the broker besides running the app (architecture §2): create and
 * fill the topics a process under test reads, watch what it wrote and committed, clean up. Apps'
 * tests use this instead of kafkajs, so a client change is made in the adapter once.
 */
export interface KafkaProbe {
  createTopic(topic: string, partitions?: number): Promise<void>;
  /** Resolves once the broker lists `topic` (a process under test creates it); rejects after `timeoutMs`. */
  waitForTopic(topic: string, timeoutMs?: number): Promise<void>;
  /** Sends in batches of `batchSize` (under the broker's 1 MB request limit for large values). */
  produce(topic: string, messages: ReadonlyArray<{ key?: string; value: string }>, options?: { batchSize?: number }): Promise<void>;
  /** The group's committed offset of one partition (the next offset it will read), -1 when none. */
  committedOffset(groupId: string, topic: string, partition?: number): Promise<number>;
  /** Per partition, the offset the next record will get (the high watermark): a reader that got every offset below it has read the topic to its end. */
  endOffsets(topic: string): Promise<Map<number, number>>;
  /** Reads `topic` from the beginning in a group of its own, calling `onRecord` for each record in order per partition. */
  readFromStart(topic: string, groupId: string, onRecord: (record: ProbedRecord) => void | Promise<void>): Promise<TopicReader>;
  deleteTopics(topics: readonly string[]): Promise<void>;
  /** Disconnects everything the probe opened (readers too). */
  close(): Promise<void>;
}

export async function probeKafka(brokers: readonly string[], options: { clientId?: string } = {}): Promise<KafkaProbe> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: options.clientId ?? 'ledgerline-test-probe', logLevel: logLevel.NOTHING });
  const admin: Admin = kafka.admin();
  await admin.connect();
  let producer: Producer | undefined;
  const consumers = new Set<Consumer>();
  return {
    async createTopic(topic, partitions = 1) {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    },
    async waitForTopic(topic, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await admin.listTopics()).includes(topic)) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for topic ${topic}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async produce(topic, messages, { batchSize = 500 } = {}) {
      if (!producer) {
        producer = kafka.producer();
        await producer.connect();
      }
      for (let i = 0; i < messages.length; i += batchSize) await producer.send({ topic, messages: messages.slice(i, i + batchSize).map((m) => ({ key: m.key ?? null, value: m.value })) });
    },
    async committedOffset(groupId, topic, partition = 0) {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const found = offsets?.partitions.find((p) => p.partition === partition);
      return Number(found?.offset ?? -1);
    },
    async endOffsets(topic) {
      return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    },
    async readFromStart(topic, groupId, onRecord) {
      const consumer = kafka.consumer({ groupId, maxBytes: 16 * 1024 * 1024 });
      consumers.add(consumer);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = String(value);
          await onRecord({ key: message.key?.toString('utf8') ?? null, value: message.value, partition, offset: Number(message.offset), headers });
        },
      });
      return {
        stop: async () => {
          consumers.delete(consumer);
          await consumer.disconnect();
        },
      };
    },
    async deleteTopics(topics) {
      await admin.deleteTopics({ topics: [...topics] });
    },
    async close() {
      for (const consumer of consumers) await consumer.disconnect().catch(() => undefined);
      consumers.clear();
      await producer?.disconnect();
      await admin.disconnect();
    },
  };
}
