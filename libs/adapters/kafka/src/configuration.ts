import { z } from 'zod';
import { ConfigError, type LedgerlineEnv } from '@ledgerline/config';

/** The environment variables the Kafka adapter reads (names and meaning in .env.example). */
export type KafkaEnv = Pick<LedgerlineEnv, 'KAFKA_BROKERS' | 'KAFKA_CLIENT_ID' | 'KAFKA_TOPIC' | 'KAFKA_GROUP_ID' | 'KAFKA_PARTITIONS'> &
  Partial<Pick<LedgerlineEnv, 'KAFKA_CLIENT'>>;

/**
 * The client libraries the adapter runs its ports on (KAFKA_CLIENT). Every one passes the same
 * EventBus contract suite; they differ in speed and in what they depend on (docs/stream.md).
 */
export const kafkaClientSchema = z.enum(['kafkajs', 'platformatic']);
export type KafkaClientName = z.output<typeof kafkaClientSchema>;

/** KAFKA_CLIENT of an environment (kafkajs when unset), for tests and tools that build a bus themselves. */
export function kafkaClientFromEnv(env: { KAFKA_CLIENT?: string }): KafkaClientName {
  return kafkaClientSchema.parse(env.KAFKA_CLIENT ?? 'kafkajs');
}

/**
 * The transactions stream's shape: its topic, the sink's consumer group and the partition count of
 * the topic and of its dead-letter topic. The in-process bus of the pipeline uses the same settings,
 * so the stream keeps its shape when KAFKA_BROKERS switches it to Kafka.
 */
export const streamSettingsSchema = z.object({
  topic: z.string().min(1).default('transactions'),
  groupId: z.string().min(1).default('ledgerline-stream-sink'),
  partitions: z.number().int().min(1).max(1024).default(6),
  /** The dead-letter topic gets as many partitions as its topic: a dead letter keeps its source partition's key order. */
  deadLetterPartitions: z.number().int().min(1).max(1024).optional(),
});
export type StreamSettings = Required<z.output<typeof streamSettingsSchema>>;

/** Options of openKafka; validated, because they come straight from configuration. */
export const kafkaOptionsSchema = z.object({
  brokers: z.array(z.string().regex(/^[^,\s]+:\d+$/, 'expected host:port')).min(1, 'at least one Kafka broker is required'),
  /** Prefix of every client id; the process's role is appended (`ledgerline-stream-sink`). */
  clientId: z.string().min(1).default('ledgerline'),
  client: kafkaClientSchema.default('kafkajs'),
  stream: streamSettingsSchema.default({ topic: 'transactions', groupId: 'ledgerline-stream-sink', partitions: 6 }),
});
export type KafkaOptions = z.input<typeof kafkaOptionsSchema>;

/** `host:port,host:port` (the KAFKA_BROKERS variable) as a broker list. */
export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/** The stream settings of this environment (KAFKA_TOPIC, KAFKA_GROUP_ID, KAFKA_PARTITIONS), with or without Kafka. */
export function streamSettingsFromEnv(env: Pick<KafkaEnv, 'KAFKA_TOPIC' | 'KAFKA_GROUP_ID' | 'KAFKA_PARTITIONS'>): StreamSettings {
  const parsed = streamSettingsSchema.parse({ topic: env.KAFKA_TOPIC, groupId: env.KAFKA_GROUP_ID, partitions: env.KAFKA_PARTITIONS });
  return { ...parsed, deadLetterPartitions: parsed.deadLetterPartitions ?? parsed.partitions };
}

/** The adapter's options from the environment, or undefined when KAFKA_BROKERS is unset (the in-process bus). */
export function kafkaOptionsFromEnv(env: KafkaEnv): z.output<typeof kafkaOptionsSchema> | undefined {
  if (!env.KAFKA_BROKERS) return undefined;
  return kafkaOptionsSchema.parse({ brokers: parseBrokers(env.KAFKA_BROKERS), clientId: env.KAFKA_CLIENT_ID, client: env.KAFKA_CLIENT, stream: streamSettingsFromEnv(env) });
}

/**
 * For the standalone stream apps: the in-process bus only exists inside the all-in-one pipeline,
 * so a separate producer, sink or CDC process without KAFKA_BROKERS is a configuration error, said plainly.
 */
export function requireKafkaOptions(env: KafkaEnv, app: string): z.output<typeof kafkaOptionsSchema> {
  const options = kafkaOptionsFromEnv(env);
  if (options) return options;
  throw new ConfigError([
    {
      variable: 'KAFKA_BROKERS',
      message:
        'is not set. The in-process event bus only works inside the all-in-one pipeline ' +
        `(nx run pipeline:serve); a separate ${app} needs Kafka: set KAFKA_BROKERS=host:port.`,
    },
  ]);
}
