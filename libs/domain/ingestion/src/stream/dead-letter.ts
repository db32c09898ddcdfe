import type { OutgoingEvent } from './event-publisher.port.ts';
import type { ConsumedEvent } from './event-subscriber.port.ts';

/** Header names of a dead-lettered event; the value is the original bytes, untouched. */
export const DLQ_HEADERS = {
  error: 'x-error',
  sourceTopic: 'x-source-topic',
  sourcePartition: 'x-source-partition',
  sourceOffset: 'x-source-offset',
  failedAt: 'x-failed-at',
  /**
   * Present only on a dead letter sent again because its event was read again after a rewind of
   * the stored positions (or the group otherwise re-read what it had applied): the value is the
   * position the group had already applied the partition up to. The first dead letter of that
   * event has no such header, so a DLQ reader that skips marked ones sees each poison event once.
   */
  redelivery: 'ledgerline-redelivery',
} as const;

/** Kafka limits nothing here, but a reason is for people: keep it readable. */
const MAX_REASON_LENGTH = 1_000;

export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * The DLQ copy of a rejected event: same key and bytes (so it can be fixed and replayed), the
 * original headers, plus why and where it failed.
 */
export function toDeadLetter(
  source: { topic: string; partition: number },
  event: ConsumedEvent,
  reason: string,
  failedAt: Date,
  /** Set when the event is a redelivery: the position the group had applied up to. */
  appliedUntil?: string,
): OutgoingEvent {
  return {
    // Null stays null: a tombstone is not empty bytes and a key-less event has no empty-string key.
    key: event.key ?? '',
    value: event.value,
    ...(event.key === null ? { nullKey: true } : {}),
    ...(event.tombstone ? { nullValue: true } : {}),
    headers: {
      ...event.headers,
      [DLQ_HEADERS.error]: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason,
      [DLQ_HEADERS.sourceTopic]: source.topic,
      [DLQ_HEADERS.sourcePartition]: String(source.partition),
      [DLQ_HEADERS.sourceOffset]: event.offset,
      [DLQ_HEADERS.failedAt]: failedAt.toISOString(),
      ...(appliedUntil === undefined ? {} : { [DLQ_HEADERS.redelivery]: appliedUntil }),
    },
  };
}
