import type { EventLogStore } from '@ledgerline/ingestion';
import { ChangeNotifier } from './change-notifier.ts';
import { MemoryPublisher } from './memory-publisher.ts';
import { MemorySubscriber } from './memory-subscriber.ts';
import { MemoryTopicAdmin } from './memory-topic-admin.ts';
import { MemoryTopics } from './memory-topics.ts';

export interface MemoryEventBusOptions {
  /** Partitions of topics created implicitly by a publish or subscribe. Default 6. */
  defaultPartitions?: number;
  now?: () => Date;
}

export interface MemoryEventBus {
  publisher: MemoryPublisher;
  subscriber: MemorySubscriber;
  admin: MemoryTopicAdmin;
}

function assemble(topics: MemoryTopics, changes: ChangeNotifier): MemoryEventBus {
  const subscriber = new MemorySubscriber(topics, changes);
  return { publisher: new MemoryPublisher(topics), subscriber, admin: new MemoryTopicAdmin(topics, subscriber) };
}

/**
 * The embedded event bus (architecture §2): the same key/partition/offset/consumer-group
 * semantics as Kafka, inside one process. Its publisher, subscriber and admin share one state,
 * so create the bus once per process and hand the three ports out. Its logs end with the
 * process: for a bus whose offsets are stored anywhere that outlives it, use openDurableEventBus.
 */
export function createMemoryEventBus(options: MemoryEventBusOptions = {}): MemoryEventBus {
  const changes = new ChangeNotifier();
  return assemble(new MemoryTopics(options.defaultPartitions ?? 6, changes, options.now ?? (() => new Date())), changes);
}

/**
 * The embedded bus with its partition logs in an EventLogStore: a restarted process continues
 * every log at the offset where the last one ended, so offsets a consumer stored (in the same
 * database) keep pointing at the events they were taken from.
 */
export async function openDurableEventBus(store: EventLogStore, options: MemoryEventBusOptions = {}): Promise<MemoryEventBus> {
  const changes = new ChangeNotifier();
  const topics = new MemoryTopics(options.defaultPartitions ?? 6, changes, options.now ?? (() => new Date()), store);
  await topics.open();
  return assemble(topics, changes);
}
