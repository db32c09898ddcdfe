import type { ConsumedEvent, EventSubscriber, StreamOffset, SubscribeOptions, Subscription } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { headersToRecord } from '../kafka-headers.ts';
import type { KafkaSubscriberOptions } from '../kafka-subscriber.ts';
import type { ConfluentBatchPayload, ConfluentMessage, ConfluentModule, ConfluentRebalanceCallback, ConfluentTopicPartition } from './confluent-module.ts';

export interface ConfluentConnection {
  brokers: string[];
  clientId: string;
}

const DEFAULT_MAX_BATCH = 2_000;
const MIB = 1024 * 1024;

function consumedEventsOf(messages: readonly ConfluentMessage[]): ConsumedEvent[] {
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
 * EventSubscriber over @confluentinc/kafka-javascript's consumer (librdkafka), offsets owned by
 * the caller. librdkafka rebalances only between polls, so a batch in flight finishes before its
 * partitions are revoked; on every assignment the rebalance callback (awaited by the client)
 * loads the stored positions and hands librdkafka the assignment with those offsets: a partition
 * with a stored position starts exactly there, one without at the group's committed offset, else
 * at the log start. Auto-commit is off; a batch is committed to Kafka after eachBatch resolved
 * (lag monitoring; a failed Kafka commit is only logged, the stored offset is the truth).
 */
export class ConfluentSubscriber implements EventSubscriber {
  constructor(
    private readonly load: () => ConfluentModule,
    private readonly connection: ConfluentConnection,
    private readonly logger: Logger = silentLogger,
    private readonly options: KafkaSubscriberOptions = {},
  ) {}

  async run(subscribe: SubscribeOptions): Promise<Subscription> {
    const module = this.load();
    const { topic, groupId } = subscribe;
    const log = this.logger.child('kafka-subscriber', { topic, group: groupId, client: 'confluent' });
    const maxBatch = subscribe.maxBatchSize ?? DEFAULT_MAX_BATCH;
    const stopping = new AbortController();
    let failure: { error: unknown } | undefined;
    let waitingSince: number | undefined = Date.now();
    const assign = module.CODES.ERRORS.ERR__ASSIGN_PARTITIONS;

    const rebalance: ConfluentRebalanceCallback = async (event, assignment) => {
      if (event.code !== assign) {
        waitingSince ??= Date.now();
        return undefined;
      }
      if (waitingSince !== undefined) log.info('partition assignment received', { group: groupId, waited_s: Math.round((Date.now() - waitingSince) / 100) / 10 });
      waitingSince = undefined;
      log.info('partitions assigned', { partitions: assignment.map((a) => a.partition) });
      if (!subscribe.loadOffsets) return undefined;
      let stored: StreamOffset[];
      try {
        stored = await subscribe.loadOffsets();
      } catch (error) {
        log.error('could not load the stored offsets; stopping', { error });
        fail(error);
        return undefined;
      }
      const byPartition = new Map(stored.map((o) => [o.partition, o.offset]));
      return assignment.map((a): ConfluentTopicPartition => {
        const offset = a.topic === topic ? byPartition.get(a.partition) : undefined;
        return offset === undefined ? { topic: a.topic, partition: a.partition } : { topic: a.topic, partition: a.partition, offset };
      });
    };

    const kafka = new module.KafkaJS.Kafka({ kafkaJS: { brokers: this.connection.brokers, clientId: this.connection.clientId, logLevel: 1 } });
    const consumer = kafka.consumer({
      kafkaJS: {
        groupId,
        fromBeginning: true,
        autoCommit: false,
        sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
        heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
        maxBytesPerPartition: this.options.maxBytesPerPartition ?? 2 * MIB,
        maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
        minBytes: this.options.minBytes ?? 64 * 1024,
        allowAutoTopicCreation: true,
      },
      'fetch.max.bytes': this.options.maxBytes ?? 8 * MIB,
      // librdkafka hands the JS layer 32 messages per batch by default; the sink wants big ones.
      'js.consumer.max.batch.size': maxBatch,
      rebalance_cb: rebalance,
    });

    let settle!: { resolve: () => void; reject: (error: unknown) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    done.catch(() => undefined);
    let shutdown: Promise<void> | undefined;
    const shutDown = (): Promise<void> => {
      shutdown ??= (async () => {
        stopping.abort();
        clearInterval(waitLog);
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
    const waitLog = setInterval(() => {
      if (waitingSince === undefined || stopping.signal.aborted) return;
      log.info('waiting for partition assignment', { group: groupId, waited_s: Math.round((Date.now() - waitingSince) / 100) / 10 });
    }, this.options.assignmentWaitLogMs ?? 5_000);
    waitLog.unref();

    const eachBatch = async (payload: ConfluentBatchPayload): Promise<void> => {
      const { batch } = payload;
      if (batch.messages.length === 0 || failure || stopping.signal.aborted || payload.isStale()) return;
      for (let start = 0; start < batch.messages.length; start += maxBatch) {
        if (failure || stopping.signal.aborted || !payload.isRunning() || payload.isStale()) return;
        const chunk = batch.messages.slice(start, start + maxBatch);
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
          if (!stopping.signal.aborted) {
            log.error('batch handler failed; stopping without committing it', { partition: batch.partition, offset: chunk[0]?.offset, error });
            payload.pause();
            fail(error);
          }
          return;
        }
        payload.resolveOffset(last.offset);
        const next = (BigInt(last.offset) + 1n).toString();
        try {
          await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
        } catch (error) {
          log.warn('kafka offset commit failed (stored offsets stay authoritative)', { partition: batch.partition, error });
        }
      }
    };

    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ eachBatchAutoResolve: false, partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1, eachBatch });
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
