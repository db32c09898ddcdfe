import { deadLetterTopic, type TopicSpec } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { kafkaOptionsFromEnv, kafkaOptionsSchema, requireKafkaOptions, type KafkaEnv, type KafkaOptions, type StreamSettings } from './configuration.ts';
import { createKafkaClient } from './kafka-client.ts';
import { KafkaChangeLogReader } from './kafka-change-log-reader.ts';
import { KafkaPublisher } from './kafka-publisher.ts';
import { KafkaSubscriber, type KafkaSubscriberOptions } from './kafka-subscriber.ts';
import { KafkaTopicAdmin } from './kafka-topic-admin.ts';
import { describeLeanKafkajs } from './lean-kafkajs/install-lean-kafkajs.ts';
import { leanKafkajs } from './kafkajs-runtime.ts';

/** What callers may rely on, declared once (architecture §2): branch on these, not on "is it Kafka". */
export interface KafkaCapabilities {
  /** Other processes (a separate sink, the CDC landing writer) can read what this process publishes. */
  readonly sharedAcrossProcesses: true;
  /** Consumer groups commit their own offsets in the broker; the sink keeps its own beside the rows. */
  readonly brokerOffsets: true;
}

/**
 * Every port the Kafka technology implements, over one kafkajs client: the publisher, the
 * subscriber and the topic admin of the EventBus, and the CDC landing writer's change-log reader.
 * Apps bind these and never see kafkajs.
 */
export interface KafkaAdapter {
  readonly publisher: KafkaPublisher;
  readonly subscriber: KafkaSubscriber;
  readonly admin: KafkaTopicAdmin;
  /** A ChangeLogReader (offsets committed by the caller) on the same client. */
  changeLogReader(): KafkaChangeLogReader;
  /** The transactions stream's topic, consumer group and partition counts (KAFKA_TOPIC, ...). */
  readonly stream: StreamSettings;
  /** The topics a producer or sink of the transactions stream ensures: the topic and its DLQ, same partitions. */
  streamTopics(): TopicSpec[];
  readonly capabilities: KafkaCapabilities;
  /** The adapter's own label for start-up banners, e.g. `Kafka (k1:9092, topic transactions), kafkajs lean produce`. */
  readonly description: string;
  /** Flushes and disconnects the publisher and the admin (subscriptions stop themselves); idempotent. */
  close(): Promise<void>;
}

export interface OpenKafkaExtras {
  logger?: Logger;
  /** The process's role, appended to the client id (`ledgerline-stream-sink`): broker logs name who connected. */
  role?: string;
  subscriber?: KafkaSubscriberOptions;
}

/** Builds the adapter (kafkajs connects lazily, on the first call of each port). */
export function openKafka(options: KafkaOptions, extras: OpenKafkaExtras = {}): KafkaAdapter {
  const parsed = kafkaOptionsSchema.parse(options);
  const logger = extras.logger ?? silentLogger;
  const stream: StreamSettings = { ...parsed.stream, deadLetterPartitions: parsed.stream.deadLetterPartitions ?? parsed.stream.partitions };
  const kafka = createKafkaClient({ brokers: parsed.brokers, clientId: extras.role ? `${parsed.clientId}-${extras.role}` : parsed.clientId, logger });
  const publisher = new KafkaPublisher(kafka, logger.child('kafka-publisher'));
  const admin = new KafkaTopicAdmin(kafka);
  let closing: Promise<void> | undefined;
  return {
    publisher,
    subscriber: new KafkaSubscriber(kafka, logger, extras.subscriber),
    admin,
    changeLogReader: () => new KafkaChangeLogReader(kafka, logger),
    stream,
    streamTopics: () => streamTopicsOf(stream),
    capabilities: { sharedAcrossProcesses: true, brokerOffsets: true },
    description: `Kafka (${parsed.brokers.join(',')}, topic ${stream.topic}), kafkajs ${describeLeanKafkajs(leanKafkajs)}`,
    close: () =>
      (closing ??= Promise.allSettled([publisher.close(), admin.close()]).then(() => undefined)),
  };
}

/** The topic and its dead-letter topic (`<topic>.dlq`) with their partition counts. */
export function streamTopicsOf(stream: StreamSettings): TopicSpec[] {
  return [
    { name: stream.topic, partitions: stream.partitions },
    { name: deadLetterTopic(stream.topic), partitions: stream.deadLetterPartitions },
  ];
}

/** `openKafka` with the options of this environment, or undefined when KAFKA_BROKERS is unset (the caller's embedded bus). */
export function kafkaFromEnv(env: KafkaEnv, extras: OpenKafkaExtras = {}): KafkaAdapter | undefined {
  const options = kafkaOptionsFromEnv(env);
  return options ? openKafka(options, extras) : undefined;
}

/** `kafkaFromEnv` for a process that cannot run without Kafka: a ConfigError naming KAFKA_BROKERS when unset. */
export function requireKafkaFromEnv(env: KafkaEnv, app: string, extras: OpenKafkaExtras = {}): KafkaAdapter {
  return openKafka(requireKafkaOptions(env, app), extras);
}
