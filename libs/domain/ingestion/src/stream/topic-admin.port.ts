import { token } from '@ledgerline/di';
import type { StreamOffset } from '../ports/store-records.ts';

export interface TopicSpec {
  name: string;
  partitions: number;
}

export interface ConsumerLag {
  /** Events published but not yet committed by the group, summed over partitions. */
  total: number;
  partitions: Array<{ partition: number; lag: number }>;
}

/** Topic housekeeping of the event bus. */
export interface TopicAdmin {
  /** Creates the topics that do not exist yet; existing topics are left as they are. */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** Per partition, the offset the next published event will get (the log end). */
  endOffsets(topic: string): Promise<StreamOffset[]>;
  /** Partition count of an existing topic, or undefined when it does not exist. */
  partitionCount(topic: string): Promise<number | undefined>;
  consumerLag(topic: string, groupId: string): Promise<ConsumerLag>;
  close(): Promise<void>;
}

export const TOPIC_ADMIN = token<TopicAdmin>('TopicAdmin');
