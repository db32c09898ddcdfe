export { EVENT_PUBLISHER, type EventPublisher, type OutgoingEvent } from './event-publisher.port.ts';
export {
  EVENT_SUBSCRIBER,
  type EventSubscriber,
  type EventBatch,
  type ConsumedEvent,
  type EachBatchHandler,
  type SubscribeOptions,
  type Subscription,
} from './event-subscriber.port.ts';
export { EVENT_LOG_STORE, type EventLogStore, type LoggedEvent, type LoggedTopic } from './event-log-store.port.ts';
export { TOPIC_ADMIN, type TopicAdmin, type TopicSpec, type ConsumerLag } from './topic-admin.port.ts';
export {
  TRANSACTION_EVENT_SCHEMA_VERSION,
  transactionEventSchema,
  encodeTransactionEvent,
  decodeTransactionEvent,
  validateTransactionEvent,
  transactionFromEvent,
  unsupportedSchemaVersionReason,
  type TransactionEvent,
  type DecodeResult,
} from './transaction-event.ts';
export { decodeTransactionRow, type DecodeRowResult } from './decode-transaction-row.ts';
export { DLQ_HEADERS, deadLetterTopic, toDeadLetter } from './dead-letter.ts';
export {
  DEFAULT_BACKOFF,
  StoppedError,
  abortableSleep,
  backoffDelay,
  retryWithBackoff,
  type BackoffPolicy,
  type RetryOptions,
  type Sleep,
} from './retry-with-backoff.ts';
export { runStreamSink, type StreamSink, type StreamSinkDeps, type StreamSinkOptions } from './run-stream-sink/run-stream-sink.ts';
export { sinkTopics, startStreamSink, type StartStreamSinkDeps, type StartStreamSinkOptions } from './run-stream-sink/start-stream-sink.ts';
export type { StreamSinkStats } from './run-stream-sink/sink-stats.ts';
export { runProducer, type ProducerDeps, type ProducerOptions, type ProducerReport } from './run-producer/run-producer.ts';
export { POISON_KINDS, PoisonInjector, poisonEvent, type PoisonKind } from './run-producer/poison-events.ts';
export { PRODUCER_CHECKPOINTS, type ProducerCheckpoint, type ProducerCheckpointStore } from './run-producer/producer-checkpoint.port.ts';
export { TokenBucket } from './run-producer/token-bucket.ts';
