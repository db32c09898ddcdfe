export { createKafkaEventBus, parseBrokers, type KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus.ts';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
export { KafkaPublisher } from './kafka-publisher.ts';
export { KafkaSubscriber, type KafkaSubscriberOptions } from './kafka-subscriber.ts';
export { KafkaTopicAdmin } from './kafka-topic-admin.ts';
export { produceEncoding } from './kafkajs-runtime.ts';
export { describeProduceEncoding, type ProduceEncoding } from './produce-encoding/install-lean-produce-encoding.ts';
