import type { Admin, Kafka } from 'kafkajs';
import type { ConsumerLag, StreamOffset, TopicAdmin, TopicSpec } from '@ledgerline/ingestion';
import { classifyKafkaError } from './kafka-failures.ts';

/** Topic creation and consumer lag through the kafkajs admin client (connected on first use). */
export class KafkaTopicAdmin implements TopicAdmin {
  private admin: { client: Admin; ready: Promise<void> } | undefined;

  constructor(private readonly kafka: Kafka) {}

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    try {
      await this.createMissing(topics);
    } catch (error) {
      throw classifyKafkaError(error);
    }
  }

  private async createMissing(topics: TopicSpec[]): Promise<void> {
    const admin = await this.connected();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions })),
      });
    } catch (error) {
      // Another process may have created them between listTopics and createTopics.
      if (!isTopicAlreadyExists(error)) throw error;
    }
  }

  async endOffsets(topic: string): Promise<StreamOffset[]> {
    const admin = await this.connected();
    return (await admin.fetchTopicOffsets(topic))
      .map(({ partition, high }) => ({ partition, offset: high }))
      .sort((a, b) => a.partition - b.partition);
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    const admin = await this.connected();
    if (!(await admin.listTopics()).includes(topic)) return undefined;
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.length;
  }

  /** Log end minus the group's committed offset (or the log start when it committed nothing). */
  async consumerLag(topic: string, groupId: string): Promise<ConsumerLag> {
    const admin = await this.connected();
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
    const partitions = ends
      .map(({ partition, high, low }) => {
        const position = committedByPartition.get(partition) ?? -1n;
        const from = position >= 0n ? position : BigInt(low);
        const lag = BigInt(high) - from;
        return { partition, lag: Number(lag > 0n ? lag : 0n) };
      })
      .sort((a, b) => a.partition - b.partition);
    return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
  }

  /** Kafka-only housekeeping (benchmarks, tools): not part of the TopicAdmin port. */
  async deleteTopics(names: string[]): Promise<void> {
    if (names.length === 0) return;
    const admin = await this.connected();
    await admin.deleteTopics({ topics: names });
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.client.disconnect();
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const client = this.kafka.admin();
      this.admin = { client, ready: client.connect() };
    }
    const admin = this.admin;
    try {
      await admin.ready;
    } catch (error) {
      if (this.admin === admin) this.admin = undefined;
      throw error;
    }
    return admin.client;
  }
}

function isTopicAlreadyExists(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const withType = error as Error & { type?: string; errors?: Array<{ type?: string }> };
  return withType.type === 'TOPIC_ALREADY_EXISTS' || (withType.errors ?? []).every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}
