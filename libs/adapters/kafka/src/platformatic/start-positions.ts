import type { Consumer } from '@platformatic/kafka';
import type { StreamOffset, SubscribeOptions } from '@ledgerline/ingestion';
import type { PlatformaticModule } from './platformatic-module.ts';

/**
 * Where each newly assigned partition starts (the port's rule): the position stored beside the
 * rows when there is one, else the group's committed offset, else the log start. A position
 * below the log start (retention removed those events) starts at the log start, as kafkajs'
 * reset does: the events are gone from the log either way.
 */
export async function startPositions(
  kafka: PlatformaticModule,
  consumer: Consumer,
  subscribe: Pick<SubscribeOptions, 'topic' | 'loadOffsets'>,
  partitions: number[],
): Promise<Map<number, bigint>> {
  let stored: StreamOffset[] = [];
  if (subscribe.loadOffsets) {
    try {
      stored = await subscribe.loadOffsets();
    } catch (error) {
      throw new StoredOffsetsError(error);
    }
  }
  const storedByPartition = new Map(stored.map((o) => [o.partition, BigInt(o.offset)]));
  const topic = subscribe.topic;
  const unstored = partitions.filter((p) => !storedByPartition.has(p));
  const [committed, earliest] = await Promise.all([
    unstored.length > 0 ? consumer.listCommittedOffsets({ topics: [{ topic, partitions: unstored }] }) : Promise.resolve(new Map<string, bigint[]>()),
    consumer.listOffsets({ topics: [topic], partitions: { [topic]: partitions }, timestamp: kafka.ListOffsetTimestamps.EARLIEST }),
  ]);
  const positions = new Map<number, bigint>();
  for (const partition of partitions) {
    const start = earliest.get(topic)?.[partition] ?? 0n;
    const wanted = storedByPartition.get(partition) ?? committed.get(topic)?.[partition] ?? -1n;
    positions.set(partition, wanted >= start ? wanted : start);
  }
  return positions;
}

/** A failure of the caller's loadOffsets (not of Kafka): the subscription stops, as kafkajs' does. */
export class StoredOffsetsError extends Error {
  constructor(cause: unknown) {
    super('could not load the stored offsets', { cause });
  }
}
