import { deadLetterTopic } from '../dead-letter.ts';
import { retryWithBackoff } from '../retry-with-backoff.ts';
import type { TopicAdmin, TopicSpec } from '../topic-admin.port.ts';
import { runStreamSink, type StreamSink, type StreamSinkDeps, type StreamSinkOptions } from './run-stream-sink.ts';

export interface StartStreamSinkDeps extends StreamSinkDeps {
  admin: TopicAdmin;
}

export interface StartStreamSinkOptions extends StreamSinkOptions {
  /** Partitions of the topic and of its dead-letter topic, when they are created here. */
  partitions: number;
  /** Stops the start-up retries (a stop signal during start-up). */
  signal: AbortSignal;
  /** Whether start-up applies the store's migrations (a process that already did says false). Default true. */
  migrate?: boolean;
}

/**
 * The topics a sink of `topic` needs: the topic and its dead-letter topic, with the same partition
 * count, so a dead letter can keep its source partition's key order and the DLQ scales with it.
 */
export function sinkTopics(topic: string, partitions: number, dlqTopic = deadLetterTopic(topic)): TopicSpec[] {
  return [
    { name: topic, partitions },
    { name: dlqTopic, partitions },
  ];
}

/**
 * The sink's start-up sequence, one place for every process that runs a sink (the stream-sink app,
 * the pipeline): migrate the store, ensure the topics, then run. A dependency that is still
 * starting (the database, the broker) is waited for with back-off rather than crash-looped;
 * `signal` ends the wait. Each step is idempotent, so two processes starting together are fine.
 */
export async function startStreamSink(deps: StartStreamSinkDeps, options: StartStreamSinkOptions): Promise<StreamSink> {
  const { signal, partitions, migrate = true, ...sinkOptions } = options;
  const logger = deps.logger.child('stream-sink-start');
  const waitFor = <T>(what: string, work: () => Promise<T>) =>
    retryWithBackoff(work, {
      what,
      signal,
      ...(sinkOptions.sleep ? { sleep: sinkOptions.sleep } : {}),
      ...(sinkOptions.backoff ? { policy: sinkOptions.backoff } : {}),
      onRetry: (error, attempt) => logger.warn(`${what}: not ready; retrying`, { attempt, error: String(error) }),
    });
  if (migrate) await waitFor('migrate', () => deps.store.migrate());
  await waitFor('ensure topics', () => deps.admin.ensureTopics(sinkTopics(sinkOptions.topic, partitions, sinkOptions.dlqTopic)));
  return runStreamSink(deps, sinkOptions);
}
