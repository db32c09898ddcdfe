import { uniqueName } from '@ledgerline/testing';

const MIB = 1024 * 1024;

/**
 * The bare-consume ceiling of @platformatic/kafka: a consumer group (fresh group id) reading
 * `topic` from the start through the library's own message stream and only counting, with the
 * fetch sizes the sink's subscriber uses (2 MiB per partition, 8 MiB per fetch, 64 KiB min, 500 ms
 * wait). The counterpart of consumeCounting's kafkajs consumer: no adapter code in between, so
 * (adapter sink) / (this) says what the adapter and the sink cost on top of the library.
 * Values stay Buffers (the library's default deserialisers), as the sink's fetch loop gets them.
 */
export async function consumeCountingPlatformatic(
  brokers: string[],
  clientId: string,
  topic: string,
  count: number,
  onFirstMessage: () => void = () => undefined,
): Promise<{ drained: Promise<number>; disconnect: () => Promise<void> }> {
  const { Consumer, MessagesStreamModes } = await import('@platformatic/kafka');
  const consumer = new Consumer({ clientId, bootstrapBrokers: brokers, groupId: uniqueName(clientId.replace(/-/g, '_')) });
  let received = 0;
  let finish!: (endedAt: number) => void;
  let fail!: (error: unknown) => void;
  const drained = new Promise<number>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const stream = await consumer.consume({
    topics: [topic],
    mode: MessagesStreamModes.EARLIEST,
    autocommit: false,
    maxWaitTime: 500,
    minBytes: 64 * 1024,
    maxBytes: 8 * MIB,
    maxBytesPerPartition: 2 * MIB,
  });
  stream.on('data', () => {
    if (received === 0) onFirstMessage();
    received += 1;
    if (received === count) finish(performance.now());
  });
  stream.on('error', fail);
  return {
    drained,
    disconnect: async () => {
      await stream.close().catch(() => undefined);
      await consumer.close(true);
    },
  };
}
