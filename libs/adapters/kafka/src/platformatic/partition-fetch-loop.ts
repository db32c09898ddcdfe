import type { Consumer, fetchV17, RecordsBatch } from '@platformatic/kafka';
import type { SubscribeOptions, Subscription } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import { classifyPlatformaticError } from './platformatic-failures.ts';
import type { PlatformaticModule } from './platformatic-module.ts';
import { eventsOf } from './record-batches-to-events.ts';
import { startPositions, StoredOffsetsError } from './start-positions.ts';

type FetchResponse = fetchV17.FetchResponse;
type FetchRequestPartition = fetchV17.FetchRequestPartition;

const DEFAULT_MAX_BATCH = 2_000;

export interface FetchLoopOptions {
  maxBytesPerPartition: number;
  assignmentWaitLogMs: number;
}

/**
 * The platformatic subscriber's consuming loop, one per subscription. Ordering guarantees:
 * - partitions are handled one at a time, each batch's events in offset order;
 * - a partition's position moves only after eachBatch resolved (then Kafka's commit follows);
 * - every group join bumps the generation: positions are loaded again (stored, else committed,
 *   else log start) and anything fetched under the previous assignment is dropped undelivered;
 * - stop() aborts the signal, lets the batch in flight finish and commit, then leaves the group.
 */
export class PartitionFetchLoop {
  private assigned: number[] = [];
  private generation = 0;
  private positionsGeneration = -1;
  private readonly next = new Map<number, bigint>();
  private readonly stopping = new AbortController();
  private failure: { error: unknown } | undefined;
  private waitingSince: number | undefined = Date.now();
  private wake: (() => void) | undefined;
  private readonly maxBatch: number;

  constructor(
    private readonly kafka: PlatformaticModule,
    private readonly consumer: Consumer,
    private readonly subscribe: SubscribeOptions,
    private readonly log: Logger,
    private readonly options: FetchLoopOptions,
  ) {
    this.maxBatch = subscribe.maxBatchSize ?? DEFAULT_MAX_BATCH;
    consumer.on('consumer:group:join', (payload) => {
      if (this.waitingSince !== undefined) log.info('partition assignment received', { group: subscribe.groupId, waited_s: this.waitedSeconds() });
      this.waitingSince = undefined;
      this.assigned = [...(payload.assignments?.find((a) => a.topic === subscribe.topic)?.partitions ?? [])].sort((a, b) => a - b);
      this.generation += 1;
      log.info('partitions assigned', { partitions: this.assigned });
      this.wake?.();
    });
    // A heartbeat refused because the group rebalances: the client rejoins by itself.
    consumer.on('consumer:heartbeat:error', () => {
      this.waitingSince ??= Date.now();
    });
  }

  start(): Subscription {
    const waitLog = setInterval(() => {
      if (this.waitingSince === undefined || this.stopping.signal.aborted) return;
      this.log.info('waiting for partition assignment', { group: this.subscribe.groupId, waited_s: this.waitedSeconds() });
    }, this.options.assignmentWaitLogMs);
    waitLog.unref();
    const done = this.loop().finally(async () => {
      clearInterval(waitLog);
      await this.consumer.close(this.failure !== undefined).catch((error: unknown) => this.log.warn('leaving the group failed', { error }));
      if (this.failure) throw this.failure.error;
    });
    done.catch(() => undefined);
    return {
      done,
      stop: async () => {
        this.stopping.abort();
        this.wake?.();
        await done.catch(() => undefined);
      },
    };
  }

  private waitedSeconds(): number {
    return Math.round((Date.now() - (this.waitingSince ?? Date.now())) / 100) / 10;
  }

  private running(generation: number): boolean {
    return !this.stopping.signal.aborted && !this.failure && generation === this.generation;
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted && !this.failure) {
      const generation = this.generation;
      if (this.assigned.length === 0) {
        await this.idle(200);
        continue;
      }
      if (this.positionsGeneration !== generation) {
        await this.loadPositions(generation);
        continue;
      }
      let responses: FetchResponse[];
      try {
        responses = await this.fetchAssigned();
      } catch (error) {
        if (this.stopping.signal.aborted) return;
        this.log.warn('fetch failed; retrying', { error: classifyPlatformaticError(error) });
        await this.idle(500);
        continue;
      }
      for (const response of responses) {
        for (const topic of response.responses) {
          for (const partition of topic.partitions) {
            if (!this.running(generation)) break;
            await this.deliver(generation, partition.partitionIndex, partition.records ?? [], partition.highWatermark);
          }
        }
      }
    }
  }

  private async loadPositions(generation: number): Promise<void> {
    try {
      const positions = await startPositions(this.kafka, this.consumer, this.subscribe, this.assigned);
      if (generation !== this.generation) return;
      this.next.clear();
      for (const [partition, offset] of positions) this.next.set(partition, offset);
      this.positionsGeneration = generation;
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      if (error instanceof StoredOffsetsError) {
        this.log.error('could not load the stored offsets; stopping', { error: error.cause });
        this.failure = { error: error.cause };
        return;
      }
      this.log.warn('could not read the start positions; retrying', { error: classifyPlatformaticError(error) });
      await this.idle(500);
    }
  }

  /** One fetch per partition leader, all in parallel; the client's incremental fetch sessions keep them cheap. */
  private async fetchAssigned(): Promise<FetchResponse[]> {
    const metadata = await this.consumer.metadata({ topics: [this.subscribe.topic] });
    const topic = metadata.topics.get(this.subscribe.topic);
    if (!topic) throw new Error(`topic ${this.subscribe.topic} has no metadata`);
    const byLeader = new Map<number, FetchRequestPartition[]>();
    for (const partition of this.assigned) {
      const leader = topic.partitions[partition]?.leader;
      const fetchOffset = this.next.get(partition);
      if (leader === undefined || fetchOffset === undefined) continue;
      const list = byLeader.get(leader) ?? [];
      list.push({ partition, fetchOffset, partitionMaxBytes: this.options.maxBytesPerPartition, currentLeaderEpoch: -1, lastFetchedEpoch: -1 });
      byLeader.set(leader, list);
    }
    return Promise.all([...byLeader].map(([node, partitions]) => this.consumer.fetch({ node, topics: [{ topicId: topic.id, partitions }] })));
  }

  private async deliver(generation: number, partition: number, batches: RecordsBatch[], highWatermark: bigint): Promise<void> {
    const from = this.next.get(partition);
    if (from === undefined || batches.length === 0) return;
    const { events, lastOffset } = eventsOf(batches, from);
    for (let start = 0; start < events.length; start += this.maxBatch) {
      if (!this.running(generation)) return;
      const chunk = events.slice(start, start + this.maxBatch);
      const last = chunk[chunk.length - 1];
      if (!last) return;
      try {
        await this.subscribe.eachBatch({
          topic: this.subscribe.topic,
          partition,
          messages: chunk,
          highWatermark: highWatermark.toString(),
          signal: this.stopping.signal,
          // The client heartbeats on its own timer, independent of batch handling.
          heartbeat: () => Promise.resolve(),
        });
      } catch (error) {
        // Stopping mid-batch is not a failure: the batch stays uncommitted and comes back later.
        if (!this.stopping.signal.aborted) {
          this.log.error('batch handler failed; stopping without committing it', { partition, offset: chunk[0]?.offset, error });
          this.failure ??= { error };
        }
        return;
      }
      const next = BigInt(last.offset) + 1n;
      this.next.set(partition, next);
      await this.commit(partition, next);
    }
    // Past transaction markers and events below the position: nothing to deliver, move on.
    if (generation === this.generation && lastOffset >= (this.next.get(partition) ?? from)) this.next.set(partition, lastOffset + 1n);
  }

  private async commit(partition: number, offset: bigint): Promise<void> {
    try {
      await this.consumer.commit({ offsets: [{ topic: this.subscribe.topic, partition, offset, leaderEpoch: -1 }] });
    } catch (error) {
      this.log.warn('kafka offset commit failed (stored offsets stay authoritative)', { partition, error });
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
