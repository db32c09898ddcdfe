import { TerminalError, TransientError } from '@ledgerline/transactions';

/**
 * kafkajs' errors as the domain's TransientError or TerminalError, at the edge of the adapter
 * (architecture §4). kafkajs marks each error `retriable`; on top of that a connection or timeout
 * anywhere in the cause chain, or kafkajs' own retries running out, is transient (the broker is
 * down or electing a leader: the caller waits), while a non-retriable protocol error (topic
 * authorization, an invalid topic, a message too large) or a failed SASL login is terminal.
 * Classified by error name, so the adapter needs no value import of kafkajs for it.
 */
const TRANSIENT_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
  'KafkaJSGroupCoordinatorNotFound',
]);

interface KafkajsErrorShape {
  name: string;
  retriable?: boolean;
  cause?: unknown;
}

const isKafkajsError = (error: unknown): error is Error & KafkajsErrorShape => error instanceof Error && error.name.startsWith('KafkaJS');

/** The verdict on one error (exported for its spec): undefined for anything kafkajs did not throw. */
export function kafkaFailureKind(error: unknown): 'transient' | 'terminal' | undefined {
  if (!isKafkajsError(error)) return undefined;
  for (let e: unknown = error, depth = 0; isKafkajsError(e) && depth < 8; e = e.cause, depth += 1) {
    if (TRANSIENT_NAMES.has(e.name) || e.retriable === true) return 'transient';
  }
  return 'terminal';
}

/** The error wrapped in its verdict (message kept, kafkajs' error as cause), else unchanged. */
export function classifyKafkaError(error: unknown): unknown {
  const kind = kafkaFailureKind(error);
  if (!kind) return error;
  const message = (error as Error).message;
  return kind === 'transient' ? new TransientError(message, { cause: error }) : new TerminalError(message, { cause: error });
}
