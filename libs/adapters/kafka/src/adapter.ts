import { deadLetterTopic, type EventPublisher, type EventSubscriber, type TopicSpec } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { kafkaOptionsFromEnv, kafkaOptionsSchema, requireKafkaOptions, type KafkaClientName, type KafkaEnv, type KafkaOptions, type StreamSettings } from './configuration.ts';
import { createKafkaClient } from './kafka-client.ts';
import { KafkaChangeLogReader } from './kafka-change-log-reader.ts';
import { createKafkaEventBus, type KafkaAdmin } from './kafka-event-bus.ts';
import type { KafkaSubscriberOptions } from './kafka-subscriber.ts';
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
 * Every port the Kafka technology implements: the publisher, the subscriber and the topic admin of
 * the EventBus on the client library KAFKA_CLIENT names, and the CDC landing writer's change-log
 * reader (kafkajs). Apps bind these and never see a client library.
 */
export interface KafkaAdapter {
  readonly publisher: EventPublisher;
  readonly subscriber: EventSubscriber;
  readonly admin: KafkaAdmin;
  /** A ChangeLogReader (offsets committed by the caller), on kafkajs whatever KAFKA_CLIENT says. */
  changeLogReader(): KafkaChangeLogReader;
  /** The transactions stream's topic, consumer group and partition counts (KAFKA_TOPIC, ...). */
  readonly stream: StreamSettings;
  /** The topics a producer or sink of the transactions stream ensures: the topic and its DLQ, same partitions. */
  streamTopics(): TopicSpec[];
  readonly capabilities: KafkaCapabilities;
  /** The adapter's own label for start-up banners, e.g. `Kafka (k1:9092, topic transactions), client kafkajs (lean produce)`. */
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
  const clientId = extras.role ? `${parsed.clientId}-${extras.role}` : parsed.clientId;
  const bus = createKafkaEventBus({ brokers: parsed.brokers, clientId, logger, client: parsed.client, subscriber: extras.subscriber });
  let closing: Promise<void> | undefined;
  return {
    publisher: bus.publisher,
    subscriber: bus.subscriber,
    admin: bus.admin,
    changeLogReader: () => new KafkaChangeLogReader(createKafkaClient({ brokers: parsed.brokers, clientId, logger }), logger),
    stream,
    streamTopics: () => streamTopicsOf(stream),
    capabilities: { sharedAcrossProcesses: true, brokerOffsets: true },
    description: `Kafka (${parsed.brokers.join(',')}, topic ${stream.topic}), client ${describeClient(parsed.client)}`,
    close: () => (closing ??= bus.close()),
  };
}

function describeClient(client: KafkaClientName): string {
  if (client === 'kafkajs') return `kafkajs (${describeLeanKafkajs(leanKafkajs)})`;
  return '@platformatic/kafka';
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
