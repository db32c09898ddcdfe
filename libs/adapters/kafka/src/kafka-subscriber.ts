import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumedEvent, EventSubscriber, SubscribeOptions, Subscription } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { ExternalPositions } from './external-positions.ts';
import { headersToRecord } from './kafka-headers.ts';

export interface KafkaSubscriberOptions {
  /** The broker drops a member silent for this long. Default 30 s. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Bytes fetched per partition per request. Default 2 MiB (about 4,000 events of ~500 B). */
  maxBytesPerPartition?: number;
  /**
   * Bytes per fetch over all partitions: what one fetch can hold in memory at once (kafkajs keeps
   * the whole response until every batch of it is handled). Default 8 MiB (kafkajs: 10 MiB).
   */
  maxBytes?: number;
  /**
   * The broker answers a fetch once this much is available (or maxWaitTimeMs passed). Default
   * 64 KiB: a consumer that keeps up gets fewer, fuller fetches instead of one per produce
   * request, at most ~25 ms later at 5,000 events/s (~500 B each).
   */
  minBytes?: number;
  /** Longest a fetch waits for new data; bounds the delay of a graceful stop. Default 500 ms. */
  maxWaitTimeMs?: number;
  /** Partitions whose batches are handled at the same time. Default 1. */
  partitionsConsumedConcurrently?: number;
  /**
   * While the consumer has no assignment (joining, or rebalancing after a member came or went),
   * log "waiting for partition assignment" this often, with the group and the time waited so far.
   * A restarted sink otherwise said nothing for the ~17 s the group waited for its dead member.
   * Default 5 s.
   */
  assignmentWaitLogMs?: number;
}

const DEFAULT_MAX_BATCH = 2_000;
const MIB = 1024 * 1024;

/**
 * kafkajs messages as the port's events. The records of one batch usually share their timestamp
 * (a producer stamps the batch), so the ISO form of the previous message's is reused when equal.
 */
function consumedEventsOf(messages: readonly KafkaMessage[]): ConsumedEvent[] {
  let raw: string | undefined;
  let iso = '';
  return messages.map((message) => {
    if (message.timestamp !== raw) {
      raw = message.timestamp;
      iso = new Date(Number(raw)).toISOString();
    }
    return {
      offset: message.offset,
      key: message.key ? message.key.toString('utf8') : null,
      value: message.value ?? Buffer.alloc(0),
      tombstone: message.value === null,
      headers: headersToRecord(message.headers),
      timestamp: iso,
    };
  });
}

/**
 * EventSubscriber over a kafkajs consumer group, with offsets owned by the caller:
 * - autoCommit off and no auto-resolve: an offset moves only after eachBatch succeeded;
 * - on every assignment the first batch per partition is reconciled with `loadOffsets`
 *   (ExternalPositions): events already applied are skipped, a rewind seeks back;
 * - after success the offset is also committed to Kafka, for lag monitoring and as the start
 *   point of consumers that store nothing themselves. A failed Kafka commit is only logged:
 *   the caller's stored offset is the truth.
 */
export class KafkaSubscriber implements EventSubscriber {
  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger = silentLogger,
    private readonly options: KafkaSubscriberOptions = {},
  ) {}

  async run(subscribe: SubscribeOptions): Promise<Subscription> {
    const { topic, groupId } = subscribe;
    const log = this.logger.child('kafka-subscriber', { topic, group: groupId });
    const maxBatch = subscribe.maxBatchSize ?? DEFAULT_MAX_BATCH;
    const consumer: Consumer = this.kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 2 * MIB,
      maxBytes: this.options.maxBytes ?? 8 * MIB,
      minBytes: this.options.minBytes ?? 64 * 1024,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: true,
    });
    const positions = new ExternalPositions(subscribe.loadOffsets);
    const stopping = new AbortController();
    let failure: { error: unknown } | undefined;

    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    done.catch(() => undefined);
    let shutdown: Promise<void> | undefined;
    const shutDown = (): Promise<void> => {
      // Never awaited from inside eachBatch: disconnect waits for the running batch to end.
      shutdown ??= (async () => {
        stopping.abort();
        await consumer.disconnect().catch((error: unknown) => log.warn('disconnect failed', { error }));
        if (failure) settle.reject(failure.error);
        else settle.resolve();
      })();
      return shutdown;
    };
    const fail = (error: unknown) => {
      failure ??= { error };
      setImmediate(() => void shutDown());
    };

    // Since when the consumer has had no assignment (undefined: it has one).
    let waitingSince: number | undefined = Date.now();
    const waitLog = setInterval(() => {
      if (waitingSince === undefined || stopping.signal.aborted) return;
      log.info('waiting for partition assignment', { group: groupId, waited_s: Math.round((Date.now() - waitingSince) / 100) / 10 });
    }, this.options.assignmentWaitLogMs ?? 5_000);
    waitLog.unref();
    stopping.signal.addEventListener('abort', () => clearInterval(waitLog), { once: true });
    consumer.on(consumer.events.REBALANCING, () => {
      waitingSince ??= Date.now();
    });

    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      if (waitingSince !== undefined) log.info('partition assignment received', { group: groupId, waited_s: Math.round((Date.now() - waitingSince) / 100) / 10 });
      waitingSince = undefined;
      positions.reset();
      const assigned = event.payload.memberAssignment[topic] ?? [];
      log.info('partitions assigned', { partitions: assigned });
      positions.assignmentSeeks(assigned).then(
        (seeks) => {
          for (const { partition, offset } of seeks) consumer.seek({ topic, partition, offset: offset.toString() });
        },
        // decide() loads again on the next batch.
        (error: unknown) => log.warn('could not load stored offsets on assignment', { error }),
      );
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart) log.warn('consumer crashed; kafkajs restarts it', { error: event.payload.error });
      else fail(event.payload.error);
    });

    // Through the batch payload: consumer.commitOffsets() is a no-op once stop() began, and the
    // batch that finishes during a graceful stop must be committed too.
    const commitToKafka = async (payload: EachBatchPayload, partition: number, nextOffset: bigint) => {
      try {
        await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: nextOffset.toString() }] }] });
      } catch (error) {
        log.warn('kafka offset commit failed (stored offsets stay authoritative)', { partition, error });
      }
    };

    const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
      const { batch } = payload;
      const first = batch.messages[0];
      // Stale: a seek is pending for this partition, the batch was fetched from the old position.
      if (!first || failure || stopping.signal.aborted || payload.isStale()) return;
      let decision;
      try {
        decision = await positions.decide(batch.partition, BigInt(first.offset));
      } catch (error) {
        if (!stopping.signal.aborted) {
          log.error('could not load the stored offsets; stopping', { partition: batch.partition, error });
          fail(error);
        }
        return;
      }
      if (decision.kind === 'seek') {
        log.info('rewinding to the stored position', { partition: batch.partition, from: first.offset, to: decision.offset.toString() });
        consumer.seek({ topic, partition: batch.partition, offset: decision.offset.toString() });
        return;
      }
      const skipBelow = decision.skipBelow;
      // Offsets ascend within a batch: only a batch starting below the position needs filtering.
      const messages =
        skipBelow === undefined || BigInt(first.offset) >= skipBelow ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= skipBelow);
      if (messages.length === 0) {
        // Everything here is already applied: move Kafka's position past it.
        const next = BigInt(batch.lastOffset()) + 1n;
        payload.resolveOffset(batch.lastOffset());
        positions.advance(batch.partition, next);
        await commitToKafka(payload, batch.partition, next);
        return;
      }
      for (let start = 0; start < messages.length; start += maxBatch) {
        if (failure || stopping.signal.aborted || !payload.isRunning() || payload.isStale()) return;
        const chunk = messages.slice(start, start + maxBatch);
        const last = chunk[chunk.length - 1];
        if (!last) return;
        try {
          await subscribe.eachBatch({
            topic,
            partition: batch.partition,
            messages: consumedEventsOf(chunk),
            highWatermark: batch.highWatermark,
            signal: stopping.signal,
            heartbeat: () => payload.heartbeat(),
          });
        } catch (error) {
          // Stopping mid-batch is not a failure: the batch stays uncommitted and comes back later.
          if (!stopping.signal.aborted) {
            log.error('batch handler failed; stopping without committing it', { partition: batch.partition, offset: chunk[0]?.offset, error });
            payload.pause();
            fail(error);
          }
          return;
        }
        const next = BigInt(last.offset) + 1n;
        payload.resolveOffset(last.offset);
        positions.advance(batch.partition, next);
        await commitToKafka(payload, batch.partition, next);
        await payload.heartbeat().catch(() => undefined);
      }
    };

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch,
      });
    } catch (error) {
      clearInterval(waitLog);
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }

    return {
      done,
      stop: async () => {
        await shutDown();
        await done.catch(() => undefined);
      },
    };
  }
}
