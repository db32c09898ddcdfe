import type { Consumer, fetchV17 } from '@platformatic/kafka';
import type { ConsumedEvent, SubscribeOptions, Subscription } from '@ledgerline/ingestion';
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
  /** Partitions whose batches are handled at the same time (the port's partitionsConsumedConcurrently). */
  concurrency: number;
}

/** A fetch sent for one assignment generation, from these positions. */
interface PendingFetch {
  generation: number;
  offsets: ReadonlyMap<number, bigint>;
  responses: Promise<FetchResponse[]>;
}

/** One partition's part of a fetch: its events from the current position, and the position after them. */
interface PartitionWork {
  partition: number;
  events: ConsumedEvent[];
  highWatermark: bigint;
  nextOffset: bigint;
}

/**
 * The platformatic subscriber's consuming loop, one per subscription. Ordering guarantees:
 * - up to `concurrency` partitions are handled at a time, each partition's events in offset order
 *   by one worker, while the next fetch (from where this delivery will end) is already out;
 * - a partition's position moves only after eachBatch resolved (then Kafka's commit follows);
 * - every group join bumps the generation: positions are loaded again (stored, else committed,
 *   else log start) and anything fetched under the previous assignment is dropped undelivered;
 * - stop() aborts the signal, lets the batches in flight finish and commit, then leaves the group.
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
    let ahead: PendingFetch | undefined;
    try {
      while (!this.stopping.signal.aborted && !this.failure) {
        const generation = this.generation;
        if (ahead && ahead.generation !== generation) {
          // Sent under the previous assignment: let it settle, one fetch per broker at a time.
          await ahead.responses.catch(() => undefined);
          ahead = undefined;
        }
        if (this.assigned.length === 0) {
          await this.idle(200);
          continue;
        }
        if (this.positionsGeneration !== generation) {
          await this.loadPositions(generation);
          continue;
        }
        const fetch = ahead?.generation === generation ? ahead : this.fetchAssigned(generation, this.next);
        ahead = undefined;
        let responses: FetchResponse[];
        try {
          responses = await fetch.responses;
        } catch (error) {
          if (this.stopping.signal.aborted) return;
          this.log.warn('fetch failed; retrying', { error: classifyPlatformaticError(error) });
          await this.idle(500);
          continue;
        }
        if (!this.running(generation)) continue;
        const work = this.deliverable(fetch, responses);
        // The next fetch goes out while this one's events are handled (one fetch in flight per
        // broker, as the client's fetch sessions need), from where the delivery will end.
        const expected = new Map(this.next);
        for (const item of work) expected.set(item.partition, item.nextOffset);
        ahead = this.fetchAssigned(generation, expected);
        await this.deliverAll(generation, work);
      }
    } finally {
      // Settled before the caller leaves the group: a fetch still waiting must not outlive the consumer.
      await ahead?.responses.catch(() => undefined);
    }
  }

  /**
   * The partitions of a fetch whose events can go out: fetched from the position the partition
   * is at now (a fetch sent ahead assumed the previous delivery completed; where it did not, that
   * partition's part is dropped and fetched again from the real position).
   */
  private deliverable(fetch: PendingFetch, responses: FetchResponse[]): PartitionWork[] {
    const work: PartitionWork[] = [];
    for (const response of responses) {
      for (const topic of response.responses) {
        for (const partition of topic.partitions) {
          const from = this.next.get(partition.partitionIndex);
          const batches = partition.records ?? [];
          if (from === undefined || batches.length === 0 || fetch.offsets.get(partition.partitionIndex) !== from) continue;
          const { events, lastOffset } = eventsOf(batches, from);
          // Past transaction markers and events below the position: the delivery moves past them too.
          const nextOffset = lastOffset >= from ? lastOffset + 1n : from;
          work.push({ partition: partition.partitionIndex, events, highWatermark: partition.highWatermark, nextOffset });
        }
      }
    }
    return work;
  }

  /** Up to `concurrency` partitions at a time; each partition's events in offset order by one worker. */
  private async deliverAll(generation: number, work: PartitionWork[]): Promise<void> {
    let nextItem = 0;
    const worker = async () => {
      for (let item = work[nextItem++]; item && this.running(generation); item = work[nextItem++]) await this.deliver(generation, item);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, work.length) }, worker));
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

  /** One fetch per partition leader, all in parallel, from `offsets`; the client's incremental fetch sessions keep them cheap. */
  private fetchAssigned(generation: number, offsets: ReadonlyMap<number, bigint>): PendingFetch {
    const requested = new Map(offsets);
    const responses = (async () => {
      const metadata = await this.consumer.metadata({ topics: [this.subscribe.topic] });
      const topic = metadata.topics.get(this.subscribe.topic);
      if (!topic) throw new Error(`topic ${this.subscribe.topic} has no metadata`);
      const byLeader = new Map<number, FetchRequestPartition[]>();
      for (const partition of this.assigned) {
        const leader = topic.partitions[partition]?.leader;
        const fetchOffset = requested.get(partition);
        if (leader === undefined || fetchOffset === undefined) continue;
        const list = byLeader.get(leader) ?? [];
        list.push({ partition, fetchOffset, partitionMaxBytes: this.options.maxBytesPerPartition, currentLeaderEpoch: -1, lastFetchedEpoch: -1 });
        byLeader.set(leader, list);
      }
      return Promise.all([...byLeader].map(([node, partitions]) => this.consumer.fetch({ node, topics: [{ topicId: topic.id, partitions }] })));
    })();
    responses.catch(() => undefined);
    return { generation, offsets: requested, responses };
  }

  private async deliver(generation: number, work: PartitionWork): Promise<void> {
    const { partition, events } = work;
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
          highWatermark: work.highWatermark.toString(),
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
    if (generation === this.generation) this.next.set(partition, work.nextOffset);
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
