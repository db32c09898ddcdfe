export { createMemoryEventBus, openDurableEventBus, type MemoryEventBus, type MemoryEventBusOptions } from './memory-event-bus.ts';
export { MemoryPublisher } from './memory-publisher.ts';
export { MemorySubscriber } from './memory-subscriber.ts';
export { MemoryTopicAdmin } from './memory-topic-admin.ts';
export { partitionForKey } from './key-partitioner.ts';
