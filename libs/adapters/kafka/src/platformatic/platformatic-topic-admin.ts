import type { Admin } from '@platformatic/kafka';
import type { ConsumerLag, StreamOffset, TopicAdmin, TopicSpec } from '@ledgerline/ingestion';
import { classifyPlatformaticError } from './platformatic-failures.ts';
import type { PlatformaticModule } from './platformatic-module.ts';
import type { PlatformaticConnection } from './platformatic-publisher.ts';

/** Topic creation and consumer lag through the @platformatic/kafka admin client (created on first use). */
export class PlatformaticTopicAdmin implements TopicAdmin {
  private admin: Promise<{ client: Admin; kafka: PlatformaticModule }> | undefined;

  constructor(
    private readonly kafka: () => Promise<PlatformaticModule>,
    private readonly connection: PlatformaticConnection,
  ) {}

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    try {
      const { client } = await this.connected();
      const existing = new Set(await client.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      try {
        await client.createTopics({ topics: missing.map((t) => ({ topic: t.name, partitions: t.partitions, replicas: -1 })) });
      } catch (error) {
        // Another process may have created them between listTopics and createTopics.
        const now = new Set(await client.listTopics());
        if (!missing.every((t) => now.has(t.name))) throw error;
      }
      await this.waitForLeaders(client, missing.map((t) => t.name));
    } catch (error) {
      throw classifyPlatformaticError(error);
    }
  }

  async endOffsets(topic: string): Promise<StreamOffset[]> {
    const { client, kafka } = await this.connected();
    return (await this.offsetsAt(client, topic, kafka.ListOffsetTimestamps.LATEST)).map(({ partition, offset }) => ({ partition, offset: offset.toString() }));
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    const { client } = await this.connected();
    if (!(await client.listTopics()).includes(topic)) return undefined;
    return (await client.metadata({ topics: [topic], forceUpdate: true })).topics.get(topic)?.partitionsCount;
  }

  /** Log end minus the group's committed offset (or the log start when it committed nothing). */
  async consumerLag(topic: string, groupId: string): Promise<ConsumerLag> {
    const { client, kafka } = await this.connected();
    const [ends, starts] = await Promise.all([
      this.offsetsAt(client, topic, kafka.ListOffsetTimestamps.LATEST),
      this.offsetsAt(client, topic, kafka.ListOffsetTimestamps.EARLIEST),
    ]);
    // An empty partition list asks for no partitions: name every one.
    const partitionIndexes = ends.map((e) => e.partition);
    const groups = await client.listConsumerGroupOffsets({ groups: [{ groupId, topics: [{ name: topic, partitionIndexes }] }] });
    const committed = new Map<number, bigint>();
    for (const group of groups) for (const t of group.topics) if (t.name === topic) for (const p of t.partitions) committed.set(p.partitionIndex, p.committedOffset);
    const start = new Map(starts.map((s) => [s.partition, s.offset]));
    const partitions = ends.map(({ partition, offset: high }) => {
      const position = committed.get(partition) ?? -1n;
      const from = position >= 0n ? position : (start.get(partition) ?? 0n);
      const lag = high - from;
      return { partition, lag: Number(lag > 0n ? lag : 0n) };
    });
    return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
  }

  /** Kafka-only housekeeping (benchmarks, tools): not part of the TopicAdmin port. */
  async deleteTopics(names: string[]): Promise<void> {
    if (names.length === 0) return;
    const { client } = await this.connected();
    await client.deleteTopics({ topics: names });
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.then(({ client }) => client.close()).catch(() => undefined);
  }

  private async offsetsAt(client: Admin, topic: string, timestamp: bigint): Promise<Array<{ partition: number; offset: bigint }>> {
    const count = (await client.metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 0;
    const partitions = Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp }));
    const listed = await client.listOffsets({ topics: [{ name: topic, partitions }] });
    return listed
      .flatMap((t) => t.partitions.map((p) => ({ partition: p.partitionIndex, offset: p.offset })))
      .sort((a, b) => a.partition - b.partition);
  }

  /** createTopics returns before every partition has a leader; publishing right away would fail. */
  private async waitForLeaders(client: Admin, topics: string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const metadata = await client.metadata({ topics, forceUpdate: true });
      const ready = topics.every((name) => {
        const topic = metadata.topics.get(name);
        return topic !== undefined && topic.partitions.length === topic.partitionsCount && topic.partitions.every((p) => p.leader >= 0);
      });
      if (ready || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private connected(): Promise<{ client: Admin; kafka: PlatformaticModule }> {
    this.admin ??= this.kafka().then((kafka) => ({
      kafka,
      client: new kafka.Admin({ clientId: `${this.connection.clientId}-admin`, bootstrapBrokers: this.connection.brokers, retries: 8, retryDelay: 500 }),
    }));
    return this.admin;
  }
}
