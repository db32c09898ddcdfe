import { createRequire } from 'node:module';
import type { IHeaders } from 'kafkajs';

/**
 * The part of @confluentinc/kafka-javascript's KafkaJS-style API the adapter uses, declared here
 * because the package is an optional dependency: its native part (librdkafka) is built by
 * tools/setup.sh and may be missing on a machine where that build failed, and the typecheck must
 * pass there too. Loaded on first use (KAFKA_CLIENT=confluent), with a clear error when absent.
 */
export interface ConfluentMessage {
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
  offset: string;
  headers?: IHeaders;
}

export interface ConfluentBatchPayload {
  batch: { topic: string; partition: number; highWatermark: string; messages: ConfluentMessage[]; lastOffset(): string };
  resolveOffset(offset: string): void;
  heartbeat(): Promise<void>;
  pause(): () => void;
  isRunning(): boolean;
  isStale(): boolean;
}

export interface ConfluentTopicPartition {
  topic: string;
  partition: number;
  offset?: string;
}

export interface ConfluentConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: { topics: string[] }): Promise<void>;
  run(config: { eachBatchAutoResolve: boolean; partitionsConsumedConcurrently: number; eachBatch: (payload: ConfluentBatchPayload) => Promise<void> }): Promise<void>;
  commitOffsets(offsets: Array<{ topic: string; partition: number; offset: string }>): Promise<void>;
  seek(position: { topic: string; partition: number; offset: string }): void;
}

export interface ConfluentProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: { topic: string; messages: Array<{ key: Buffer | null; value: Buffer | null; headers?: Record<string, string> }> }): Promise<unknown>;
}

/** The rebalance callback librdkafka calls (through the KafkaJS layer, awaited) on every (un)assignment. */
export type ConfluentRebalanceCallback = (
  error: { code: number },
  assignment: ConfluentTopicPartition[],
) => Promise<ConfluentTopicPartition[] | undefined>;

export interface ConfluentKafka {
  producer(config: Record<string, unknown>): ConfluentProducer;
  consumer(config: Record<string, unknown>): ConfluentConsumer;
}

export interface ConfluentModule {
  KafkaJS: { Kafka: new (config: Record<string, unknown>) => ConfluentKafka };
  CODES: { ERRORS: Record<string, number> };
}

const require = createRequire(import.meta.url);
let loaded: ConfluentModule | undefined;

export function loadConfluent(): ConfluentModule {
  if (loaded) return loaded;
  try {
    loaded = require('@confluentinc/kafka-javascript') as ConfluentModule;
  } catch (error) {
    throw new Error(
      'KAFKA_CLIENT=confluent needs @confluentinc/kafka-javascript with its native librdkafka build; ' +
        'run `bash tools/setup.sh` (it builds librdkafka against the system libssl, zlib, zstd, lz4 and sasl; docs/stream.md)',
      { cause: error },
    );
  }
  return loaded;
}
