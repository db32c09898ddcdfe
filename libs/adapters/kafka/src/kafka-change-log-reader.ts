import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ChangeLogReader, ChangeLogReading, ChangeLogReadOptions } from '@ledgerline/cdc';
import { silentLogger, type Logger } from '@ledgerline/logging';

const MIB = 1024 * 1024;

/**
 * ChangeLogReader over a kafkajs consumer group with offsets committed only by the caller:
 * autoCommit off; each handled batch is resolved (so the next fetch moves on) but not committed.
 * After a rebalance kafkajs fetches again from the committed offsets, and onAssignment tells the
 * caller to drop what it buffered. A partition's batches are handled one at a time.
 */
export class KafkaChangeLogReader implements ChangeLogReader {
  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger = silentLogger,
  ) {}

  async read(options: ChangeLogReadOptions): Promise<ChangeLogReading> {
    const log = this.logger.child('kafka-change-log-reader', { group: options.groupId });
    const consumer: Consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 2 * MIB,
      maxBytes: 8 * MIB,
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    let failure: { error: unknown } | undefined;
    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    done.catch(() => undefined);
    let shutdown: Promise<void> | undefined;
    const shutDown = (): Promise<void> =>
      (shutdown ??= (async () => {
        await consumer.disconnect().catch((error: unknown) => log.warn('disconnect failed', { error }));
        if (failure) settle.reject(failure.error);
        else settle.resolve();
      })());
    const fail = (error: unknown) => {
      failure ??= { error };
      // Never awaited inside eachBatch: disconnect waits for the running batch.
      setImmediate(() => void shutDown());
    };

    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      log.info('partitions assigned', { assignment: event.payload.memberAssignment });
      options.onAssignment();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart) log.warn('consumer crashed; kafkajs restarts it', { error: event.payload.error });
      else fail(event.payload.error);
    });

    const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
      const { batch } = payload;
      if (failure || batch.messages.length === 0 || payload.isStale()) return;
      try {
        await options.onBatch({
          topic: batch.topic,
          partition: batch.partition,
          messages: batch.messages.map((m) => ({ offset: BigInt(m.offset), key: m.key ? m.key.toString('utf8') : null, value: m.value })),
        });
      } catch (error) {
        log.error('batch handler failed; stopping without committing', { topic: batch.topic, partition: batch.partition, offset: batch.firstOffset(), error });
        payload.pause();
        fail(error);
        return;
      }
      payload.resolveOffset(batch.lastOffset());
      await payload.heartbeat().catch(() => undefined);
    };

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1, eachBatch });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }

    return {
      done,
      commit: async (topic, partition, nextOffset) => {
        await consumer.commitOffsets([{ topic, partition, offset: nextOffset.toString() }]);
      },
      stop: async () => {
        await shutDown();
        await done.catch(() => undefined);
      },
    };
  }
}
