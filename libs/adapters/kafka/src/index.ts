export { createKafkaEventBus, parseBrokers, type KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus.ts';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
export { KafkaPublisher } from './kafka-publisher.ts';
export { KafkaSubscriber, type KafkaSubscriberOptions } from './kafka-subscriber.ts';
export { KafkaTopicAdmin } from './kafka-topic-admin.ts';
export { leanKafkajs } from './kafkajs-runtime.ts';
export { describeLeanKafkajs, type LeanKafkajs } from './lean-kafkajs/install-lean-kafkajs.ts';
export { KafkaChangeLogReader } from './kafka-change-log-reader.ts';
