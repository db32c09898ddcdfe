import type { EventSubscriber, StreamOffset, Subscription } from '@ledgerline/ingestion';
import type { ChangeLogReader, ChangeLogReading, ChangeLogReadOptions } from '../ports/landing-ports.port.ts';

/** Where the landing writer's committed positions live (the pipeline: the operational store's stream offsets). */
export interface ChangeLogOffsets {
  saveOffsets(group: string, topic: string, offsets: StreamOffset[]): Promise<void>;
  loadOffsets(group: string, topic: string): Promise<StreamOffset[]>;
}

export interface SubscriberChangeLogReaderOptions {
  /** Partitions of each change topic: a partition with no stored position starts at offset 0. */
  partitions: number;
}

/**
 * ChangeLogReader over any EventSubscriber (the pipeline's in-process bus, or Kafka) with the
 * positions kept in `offsets` instead of the bus: the bus commits after every batch by itself,
 * so its own commits would say "landed" for what is only buffered. Every (re)assignment loads
 * the stored positions, and a partition without one starts at 0, never at the bus's commit.
 *
 * One subscription per topic. A reassignment after the start (a second member joined the group)
 * would restart only that topic's partitions while the writer drops every buffer: instead the
 * reading fails, naming why, and a restart reads everything again from the stored positions.
 */
export function subscriberChangeLogReader(subscriber: EventSubscriber, offsets: ChangeLogOffsets, settings: SubscriberChangeLogReaderOptions): ChangeLogReader {
  return {
    async read(options: ChangeLogReadOptions): Promise<ChangeLogReading> {
      const subscriptions: Subscription[] = [];
      const stopAll = async () => {
        for (const subscription of subscriptions) await subscription.stop().catch(() => undefined);
      };
      let failure: Error | undefined;
      try {
        for (const topic of options.topics) {
          let assignments = 0;
          subscriptions.push(
            await subscriber.run({
              topic,
              groupId: options.groupId,
              loadOffsets: async () => {
                assignments += 1;
                if (assignments > 1) {
                  failure ??= new Error(`${topic}: partitions were reassigned while landing (another member in group ${options.groupId}?); restart to read again from the landed positions`);
                  throw failure;
                }
                const stored = new Map((await offsets.loadOffsets(options.groupId, topic)).map((o) => [o.partition, o]));
                return Array.from({ length: settings.partitions }, (_, partition) => stored.get(partition) ?? { partition, offset: '0' });
              },
              eachBatch: (batch) =>
                options.onBatch({
                  topic,
                  partition: batch.partition,
                  messages: batch.messages.map((m) => ({ offset: BigInt(m.offset), key: m.key, value: m.tombstone ? null : m.value })),
                }),
            }),
          );
        }
      } catch (error) {
        await stopAll();
        throw error;
      }
      // Any subscription ending on a failure ends the reading (the writer stops without committing).
      const done = Promise.all(
        subscriptions.map((subscription) =>
          subscription.done.catch(async (error: unknown) => {
            await stopAll();
            throw failure ?? error;
          }),
        ),
      ).then(() => {
        if (failure) throw failure;
      });
      done.catch(() => undefined);
      return {
        done,
        commit: (topic, partition, nextOffset) => offsets.saveOffsets(options.groupId, topic, [{ partition, offset: nextOffset.toString() }]),
        stop: async () => {
          await stopAll();
          await done.catch(() => undefined);
        },
      };
    },
  };
}
