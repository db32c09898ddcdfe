import type { EventSubscriber, StreamOffset, SubscribeOptions, Subscription } from '@ledgerline/ingestion';
import type { ChangeNotifier } from './change-notifier.ts';
import { MemoryConsumerGroup } from './memory-consumer-group.ts';
import type { MemoryTopics } from './memory-topics.ts';
import type { PartitionLog } from './partition-log.ts';

const DEFAULT_MAX_BATCH = 500;

interface Work {
  partition: number;
  from: number;
  log: PartitionLog;
}

/**
 * Consumer groups over the in-process topics, with Kafka's semantics where the stream relies on
 * them: partitions split among members, one batch per partition at a time, commit after the
 * handler succeeded, redelivery from the last commit after a failure or restart, and externally
 * stored positions taking precedence on every (re)assignment.
 */
export class MemorySubscriber implements EventSubscriber {
  private readonly groups = new Map<string, MemoryConsumerGroup>();
  private members = 0;

  constructor(
    private readonly topics: MemoryTopics,
    private readonly changes: ChangeNotifier,
  ) {}

  async run(options: SubscribeOptions): Promise<Subscription> {
    const logs = await this.topics.ensure(options.topic);
    const group = this.group(options.groupId, options.topic);
    const memberId = `member-${++this.members}`;
    const maxBatch = options.maxBatchSize ?? DEFAULT_MAX_BATCH;
    const stopping = new AbortController();
    group.join(memberId);
    this.changes.notify();

    const pick = (assigned: number[], positions: Map<number, number>, stored: Map<number, number>, start: number): Work | undefined => {
      for (let i = 0; i < assigned.length; i += 1) {
        const partition = assigned[(start + i) % assigned.length];
        if (partition === undefined) continue;
        const log = logs[partition];
        if (!log) continue;
        const from = positions.get(partition) ?? stored.get(partition) ?? group.committedOffset(partition) ?? 0;
        if (from < log.end && group.tryAcquire(partition)) return { partition, from, log };
      }
      return undefined;
    };

    const loop = async (): Promise<void> => {
      let generation = -1;
      let positions = new Map<number, number>();
      let stored = new Map<number, number>();
      let cursor = 0;
      while (!stopping.signal.aborted) {
        if (generation !== group.generation) {
          // (Re)assignment: forget local positions, reload the external ones.
          generation = group.generation;
          positions = new Map();
          stored = options.loadOffsets ? toPositions(await options.loadOffsets()) : new Map();
          continue;
        }
        const work = pick(group.assignment(memberId, logs.length), positions, stored, cursor++);
        if (!work) {
          await this.changes.wait();
          continue;
        }
        try {
          const events = await work.log.read(work.from, maxBatch);
          if (events.length === 0) {
            // The log end says there are events here: a store that cannot return them has lost data.
            throw new Error(`partition ${work.partition} of ${options.topic}: no event at offset ${work.from} below the log end ${work.log.end}`);
          }
          await options.eachBatch({
            topic: options.topic,
            partition: work.partition,
            messages: events.map((e, i) => ({ ...e, value: Buffer.from(e.value), headers: { ...e.headers }, offset: String(work.from + i) })),
            highWatermark: String(work.log.end),
            signal: stopping.signal,
            heartbeat: async () => undefined,
          });
          const next = work.from + events.length;
          group.commit(work.partition, next);
          positions.set(work.partition, next);
        } finally {
          group.release(work.partition);
          this.changes.notify();
        }
      }
    };

    const done = loop().then(
      () => this.leave(group, memberId),
      (error: unknown) => {
        this.leave(group, memberId);
        // A handler giving up because it was asked to stop is a clean stop, not a failure.
        if (stopping.signal.aborted) return;
        throw error;
      },
    );
    done.catch(() => undefined);

    return {
      done,
      stop: async () => {
        stopping.abort();
        this.changes.notify();
        await done.catch(() => undefined);
      },
    };
  }

  private group(groupId: string, topic: string): MemoryConsumerGroup {
    const key = `${groupId}\u0000${topic}`;
    let group = this.groups.get(key);
    if (!group) {
      group = new MemoryConsumerGroup();
      this.groups.set(key, group);
    }
    return group;
  }

  /** The group's committed position of a partition (next offset to read), for lag. */
  committedOffset(groupId: string, topic: string, partition: number): number | undefined {
    return this.groups.get(`${groupId}\u0000${topic}`)?.committedOffset(partition);
  }

  private leave(group: MemoryConsumerGroup, memberId: string): void {
    group.leave(memberId);
    this.changes.notify();
  }
}

function toPositions(offsets: StreamOffset[]): Map<number, number> {
  return new Map(offsets.map((o) => [o.partition, Number(o.offset)]));
}
