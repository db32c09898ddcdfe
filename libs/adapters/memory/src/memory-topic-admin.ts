import type { ConsumerLag, StreamOffset, TopicAdmin, TopicSpec } from '@ledgerline/ingestion';
import type { MemorySubscriber } from './memory-subscriber.ts';
import type { MemoryTopics } from './memory-topics.ts';

export class MemoryTopicAdmin implements TopicAdmin {
  constructor(
    private readonly topics: MemoryTopics,
    private readonly subscriber: MemorySubscriber,
  ) {}

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const topic of topics) await this.topics.ensure(topic.name, topic.partitions);
  }

  async endOffsets(topic: string): Promise<StreamOffset[]> {
    return (this.topics.get(topic) ?? []).map((log, partition) => ({ partition, offset: String(log.end) }));
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    return this.topics.get(topic)?.length;
  }

  async consumerLag(topic: string, groupId: string): Promise<ConsumerLag> {
    const logs = this.topics.get(topic) ?? [];
    const partitions = logs.map((log, partition) => ({
      partition,
      lag: log.end - (this.subscriber.committedOffset(groupId, topic, partition) ?? 0),
    }));
    return { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
