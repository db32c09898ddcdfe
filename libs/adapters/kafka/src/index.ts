// The factory every app builds Kafka through (architecture §2), and the configuration it owns.
export { openKafka, kafkaFromEnv, requireKafkaFromEnv, streamTopicsOf, type KafkaAdapter, type KafkaCapabilities, type OpenKafkaExtras } from './adapter.ts';
export {
  kafkaClientFromEnv,
  kafkaClientSchema,
  kafkaOptionsFromEnv,
  kafkaOptionsSchema,
  parseBrokers,
  requireKafkaOptions,
  streamSettingsFromEnv,
  streamSettingsSchema,
  type KafkaClientName,
  type KafkaEnv,
  type KafkaOptions,
  type StreamSettings,
} from './configuration.ts';
// Lower-level pieces, for the adapter's own specs and tests that need a second client.
export { createKafkaEventBus, type KafkaAdmin, type KafkaEventBus, type KafkaEventBusOptions } from './kafka-event-bus.ts';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
export { KafkaPublisher } from './kafka-publisher.ts';
export { KafkaSubscriber, type KafkaSubscriberOptions } from './kafka-subscriber.ts';
export { KafkaTopicAdmin } from './kafka-topic-admin.ts';
export { leanKafkajs } from './kafkajs-runtime.ts';
export { describeLeanKafkajs, type LeanKafkajs } from './lean-kafkajs/install-lean-kafkajs.ts';
export { KafkaChangeLogReader } from './kafka-change-log-reader.ts';
