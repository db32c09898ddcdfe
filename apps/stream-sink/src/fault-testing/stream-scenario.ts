import { expect } from 'vitest';
import {
  decodeTransactionEvent,
  deadLetterTopic,
  runProducer,
  runStreamSink,
  type EventPublisher,
  type OutgoingEvent,
  type ProducerReport,
  type StreamSink,
  type TransactionStore,
} from '@ledgerline/ingestion';
import { createKafkaEventBus, kafkaClientFromEnv, type KafkaEventBus } from '@ledgerline/kafka';
import { createLogger, type Logger, type LogLevel } from '@ledgerline/logging';
import { createPostgresStore, type PostgresTransactionStore } from '@ledgerline/postgres';
import { createTestDatabase, uniqueName, type TestDatabase } from '@ledgerline/testing';
import { type Transaction } from '@ledgerline/transactions';
import { generateTransactionStream } from '@ledgerline/transactions/generator';
import { waitFor } from './wait-for.ts';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Fault tests are quiet unless TEST_LOG_LEVEL asks for more (e.g. `info` to watch the sink). */
export function testLogger(): Logger {
  const wanted = process.env.TEST_LOG_LEVEL;
  const level = LOG_LEVELS.find((l) => l === wanted) ?? 'error';
  return createLogger({ level });
}

/** Forwards to the real publisher and remembers what the broker acknowledged. */
class RecordingPublisher implements EventPublisher {
  readonly acknowledged: OutgoingEvent[] = [];
  constructor(private readonly inner: EventPublisher) {}
  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    await this.inner.publish(topic, messages);
    this.acknowledged.push(...messages);
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A message read back from the DLQ: key and tombstone as the broker holds them. */
export interface DeadLetterRead {
  key: string | null;
  value: Buffer;
  tombstone: boolean;
  headers: Record<string, string>;
}

export interface RunningSink {
  sink: StreamSink;
  store: TransactionStore;
  close(): Promise<void>;
}

/** The Kafka client the fault tests run on: KAFKA_CLIENT of the test run (sink child processes inherit it), kafkajs by default. */
function testedClient() {
  return kafkaClientFromEnv(process.env);
}

/**
 * One fault test's world: its own topic (+ DLQ), consumer group and database, a producer whose
 * acknowledged events are remembered, and checks of the one property that matters: every valid
 * event produced is in Postgres exactly once, with its content, and nothing else is.
 */
export class StreamScenario {
  readonly dlqTopic: string;
  private readonly recording: RecordingPublisher;
  private readonly openSinks = new Set<RunningSink>();
  private seed = 1;

  private constructor(
    readonly topic: string,
    readonly groupId: string,
    readonly partitions: number,
    readonly brokers: string[],
    readonly db: TestDatabase,
    /** A store for the test's own checks, connected directly (never through a fault proxy). */
    readonly store: PostgresTransactionStore,
    readonly bus: KafkaEventBus,
    readonly logger: Logger,
  ) {
    this.dlqTopic = deadLetterTopic(topic);
    this.recording = new RecordingPublisher(bus.publisher);
  }

  static async create(name: string, brokers: string[], partitions = 3): Promise<StreamScenario> {
    const logger = testLogger();
    const db = await createTestDatabase(`sink_${name}`);
    const store = await createPostgresStore({ url: db.url, poolSize: 2 });
    await store.migrate();
    const bus = createKafkaEventBus({ brokers, clientId: `fault-${name}`, logger, kafkaLogLevel: 'error', client: testedClient() });
    const topic = uniqueName(`tx_${name}`);
    await bus.admin.ensureTopics([
      { name: topic, partitions },
      { name: deadLetterTopic(topic), partitions },
    ]);
    return new StreamScenario(topic, uniqueName(`sink_${name}`), partitions, brokers, db, store, bus, logger);
  }

  /** Every event the broker acknowledged, in order (includes deliberate duplicates). */
  get produced(): OutgoingEvent[] {
    return this.recording.acknowledged;
  }

  /** Runs the producer use case against Kafka with a fresh seeded generator. */
  produce(options: { count: number; ratePerSecond?: number; poisonRate?: number }): Promise<ProducerReport> {
    this.seed += 1;
    return runProducer(
      { publisher: this.recording, logger: this.logger },
      {
        topic: this.topic,
        source: generateTransactionStream({ seed: this.seed, customers: 40, months: 1, startMonth: '2025-06', source: 'stream' }),
        count: options.count,
        ratePerSecond: options.ratePerSecond,
        poisonRate: options.poisonRate,
        poisonSeed: this.seed,
        progressIntervalMs: 0,
      },
    );
  }

  /** Publishes the same bytes again (a producer that replays). */
  republish(messages: OutgoingEvent[]): Promise<void> {
    return this.recording.publish(this.topic, messages);
  }

  /** The valid transactions among what was produced, one per tx_id. */
  expectedTransactions(): Transaction[] {
    const byId = new Map<string, Transaction>();
    for (const message of this.produced) {
      const decoded = decodeTransactionEvent(Buffer.from(message.value));
      if (!decoded.ok) continue;
      const { schema_version: _v, produced_at: _p, ...tx } = decoded.event;
      byId.set(tx.tx_id, tx);
    }
    return [...byId.values()];
  }

  poisonCount(): number {
    return this.produced.filter((m) => !decodeTransactionEvent(Buffer.from(m.value)).ok).length;
  }

  /**
   * The in-process sink (runStreamSink over Kafka), optionally reaching Postgres via another URL,
   * or writing through a wrapper of the store (e.g. one that injects faults).
   */
  async startSink(
    options: {
      databaseUrl?: string;
      maxBatchSize?: number;
      wrapStore?: (store: PostgresTransactionStore) => TransactionStore;
      /** The sink's logger (e.g. one that records its lines); the scenario's by default. */
      logger?: Logger;
      statsIntervalMs?: number;
    } = {},
  ): Promise<RunningSink> {
    const opened = await createPostgresStore({ url: options.databaseUrl ?? this.db.url, poolSize: 2 });
    const store = options.wrapStore ? options.wrapStore(opened) : opened;
    const bus = createKafkaEventBus({
      brokers: this.brokers,
      clientId: `sink-${this.groupId}`,
      logger: this.logger,
      kafkaLogLevel: 'error',
      client: testedClient(),
      subscriber: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000 },
    });
    const sink = await runStreamSink(
      { subscriber: bus.subscriber, publisher: bus.publisher, store, logger: options.logger ?? this.logger, admin: bus.admin },
      { topic: this.topic, groupId: this.groupId, maxBatchSize: options.maxBatchSize ?? 500, statsIntervalMs: options.statsIntervalMs ?? 1_000 },
    );
    const running: RunningSink = {
      sink,
      store,
      close: async () => {
        this.openSinks.delete(running);
        await sink.stop();
        await bus.close();
        await store.close();
      },
    };
    this.openSinks.add(running);
    return running;
  }

  /** True when the stored position of every partition has reached the end of the log. */
  async drained(): Promise<boolean> {
    const [ends, stored] = await Promise.all([this.bus.admin.endOffsets(this.topic), this.store.loadOffsets(this.groupId, this.topic)]);
    return ends.every((end) => end.offset === '0' || stored.find((s) => s.partition === end.partition)?.offset === end.offset);
  }

  async progress(): Promise<string> {
    const [ends, stored, rows] = await Promise.all([
      this.bus.admin.endOffsets(this.topic),
      this.store.loadOffsets(this.groupId, this.topic),
      this.store.countTransactions(),
    ]);
    return `rows=${rows}, log ends=${JSON.stringify(ends)}, stored offsets=${JSON.stringify(stored)}`;
  }

  waitUntilDrained(timeoutMs = 60_000): Promise<void> {
    return waitFor(() => this.drained(), { timeoutMs, intervalMs: 200, describe: () => this.progress() });
  }

  /** Every valid produced transaction is stored once with its content; nothing else is stored. */
  async expectExactlyOnce(): Promise<void> {
    const expected = this.expectedTransactions();
    expect(await this.store.countTransactions()).toBe(expected.length);
    const byAccount = new Map<string, Transaction[]>();
    for (const tx of expected) byAccount.set(tx.account_id, [...(byAccount.get(tx.account_id) ?? []), tx]);
    const from = new Date(Math.min(...expected.map((t) => Date.parse(t.occurred_at))));
    const to = new Date(Math.max(...expected.map((t) => Date.parse(t.occurred_at))) + 1);
    for (const [account, transactions] of byAccount) {
      const stored = await this.store.transactionsByAccount(account, from, to);
      const strip = (t: Transaction) => ({ ...t, source_ref: null });
      const sortById = (rows: Transaction[]) => [...rows].sort((a, b) => a.tx_id.localeCompare(b.tx_id));
      expect(sortById(stored).map(strip)).toEqual(sortById(transactions).map(strip));
      for (const row of stored) expect(row.source_ref).toMatch(new RegExp(`^${this.topic}/\\d+/\\d+$`));
    }
  }

  /** What the DLQ holds, read with a throw-away consumer group. */
  async readDeadLetters(expected: number, timeoutMs = 30_000): Promise<DeadLetterRead[]> {
    const letters: DeadLetterRead[] = [];
    const subscription = await this.bus.subscriber.run({
      topic: this.dlqTopic,
      groupId: uniqueName('dlq_reader'),
      eachBatch: async (batch) => {
        for (const m of batch.messages) letters.push({ key: m.key, value: m.value, tombstone: m.tombstone === true, headers: m.headers });
      },
    });
    try {
      await waitFor(() => letters.length >= expected, { timeoutMs, describe: () => `${letters.length} of ${expected} dead letters` });
      // Anything beyond the expected count would be a bug too: give it a moment to show up.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await subscription.stop();
    }
    return letters;
  }

  async cleanup(): Promise<void> {
    for (const sink of [...this.openSinks]) await sink.close().catch(() => undefined);
    await this.bus.close();
    await this.store.close();
    await this.db.drop();
  }
}
