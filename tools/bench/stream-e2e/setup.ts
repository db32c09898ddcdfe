import { join } from 'node:path';
import { deadLetterTopic, runProducer, type TransactionStore } from '@ledgerline/ingestion';
import type { Transaction } from '@ledgerline/transactions';
import { createKafkaClient, type KafkaEventBus } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot, startNodeProcess, uniqueName, type NodeProcess, type TestDatabase } from '@ledgerline/testing';
import { cycledTransactions, serveNodeFlags } from '../stream-bench-support.ts';

// What the stream-e2e phases share: the run's setup, fresh topics, producing, the sink process
// and its database, and a counting consumer (the bare-consume ceiling and the broker warm-up).

export interface Setup {
  brokers: string[];
  bus: KafkaEventBus;
  events: number;
  partitions: number;
  sinkArgs: string[];
  sinkEnv: Record<string, string>;
  /** Events per publish (the producer's default when undefined). */
  producerChunk: number | undefined;
  /** Node flags of the sink process: its serve target's (apps/stream-sink/project.json). */
  sinkFlags: string[];
  /** The sink app bundled for plain node, as its serve target runs it (tools/build/bundle-app.ts). */
  sinkEntry: string;
  log: (message: string) => void;
}

export async function freshTopic(setup: Setup, prefix: string): Promise<string> {
  const topic = uniqueName(prefix);
  await setup.bus.admin.ensureTopics([
    { name: topic, partitions: setup.partitions },
    { name: deadLetterTopic(topic), partitions: setup.partitions },
  ]);
  return topic;
}

/** Every `every`-th transaction with a NUL in its merchant: valid JSON the store cannot hold. */
function* withPoison(source: Iterator<Transaction>, every: number): Generator<Transaction> {
  for (let n = 1; ; n += 1) {
    const next = source.next();
    if (next.done) return;
    yield n % every === 0 ? { ...next.value, merchant: 'Caf\u0000e' } : next.value;
  }
}

export async function produce(setup: Setup, topic: string, seed: number, count = setup.events, poisonEvery?: number) {
  const cycled = cycledTransactions(seed);
  cycled.next(); // build the pool before the clock starts
  const source = poisonEvery ? withPoison(cycled, poisonEvery) : cycled;
  const report = await runProducer({ publisher: setup.bus.publisher, logger: silentLogger }, {
    topic,
    source,
    count,
    maxChunkSize: setup.producerChunk,
    progressIntervalMs: 0,
    // The watchdog ends a run whose broker went away (publishes would wait forever).
    signal: AbortSignal.timeout(30 * 60_000),
  });
  if (report.sent !== count) throw new Error(`producer stopped after ${report.sent} of ${count} events`);
  return report;
}

/**
 * A broker fresh from a start or restart (the test suite restarts it) runs its first seconds in
 * the JVM's interpreter and JIT: a measured run right after one saw three times the broker CPU of
 * the next run. So `count` events go through a throwaway topic first, produced and fetched.
 */
export async function warmUpBroker(setup: Setup, count: number): Promise<void> {
  if (count === 0) return;
  setup.log(`warming up the broker with ${count} events`);
  const topic = await freshTopic(setup, 'bench_warmup');
  try {
    await produce(setup, topic, 5, count);
    const counting = await consumeCounting(setup, 'bench-warmup', topic, count);
    try {
      await counting.drained;
    } finally {
      await counting.disconnect();
    }
  } finally {
    await setup.bus.admin.deleteTopics([topic, deadLetterTopic(topic)]).catch(() => undefined);
  }
}

export interface SinkDb {
  db: TestDatabase;
  store: TransactionStore;
}

export async function sinkDatabase(prefix: string): Promise<SinkDb> {
  const db = await createTestDatabase(prefix);
  const store = await createPostgresStore({ url: db.url, poolSize: 2 });
  await store.migrate();
  return { db, store };
}

export async function releaseDatabase({ db, store }: SinkDb): Promise<void> {
  await store.close();
  await db.drop();
}

/**
 * The sink's node flags as its serve target has them; `heapMb` replaces the old-generation cap
 * (0 = none). The sink's live heap is small but V8 lets garbage pile up without a cap (see
 * docs/stream.md, "Sink memory").
 */
export function sinkNodeFlags(heapMb: number | undefined): string[] {
  const flags = serveNodeFlags(repoRoot(), 'stream-sink');
  if (heapMb === undefined) return flags;
  const others = flags.filter((f) => !f.startsWith('--max-old-space-size='));
  return heapMb > 0 ? [...others, `--max-old-space-size=${heapMb}`] : others;
}

/**
 * The bundled sink app in its own node process with the node flags of its serve target, plus a V8 CPU profile when BENCH_STREAM_CPU_PROF names a directory.
 */
export function startSink(setup: Setup, topic: string, groupId: string, dbUrl: string, phase: string): NodeProcess {
  const profileDir = process.env.BENCH_STREAM_CPU_PROF;
  const flags = [
    ...setup.sinkFlags,
    // Not through NODE_OPTIONS: node refuses --cpu-prof there.
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `sink-${phase}`)}`] : []),
  ];
  return startNodeProcess([...flags, setup.sinkEntry], setup.sinkArgs, {
    cwd: repoRoot(),
    env: { ...setup.sinkEnv, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId, DATABASE_URL: dbUrl },
    keepLines: 200,
  });
}

/** Until the sink process has joined its group (its start-up is not what e2e measures). */
export async function waitForGroupMember(brokers: string[], groupId: string, sink: NodeProcess): Promise<void> {
  const admin = createKafkaClient({ clientId: 'bench-probe', brokers, kafkaLogLevel: 'error' }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { groups } = await admin.describeGroups([groupId]);
      if (groups[0]?.state === 'Stable' && groups[0].members.length > 0) return;
      if (Date.now() > deadline) throw new Error(`the sink did not join group ${groupId}: ${sink.output.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

export async function checkRows(store: TransactionStore, expected: number): Promise<void> {
  const rows = await store.countTransactions();
  if (rows !== expected) throw new Error(`expected ${expected} rows, found ${rows}`);
}

/**
 * A kafkajs consumer group (a fresh group id) reading `topic` from the start and only counting;
 * `drained` resolves with the time the count was reached. `onFirstBatch` sees the first batch's size.
 */
export async function consumeCounting(
  setup: Setup,
  clientId: string,
  topic: string,
  count: number,
  onFirstBatch: (size: number) => void = () => undefined,
): Promise<{ drained: Promise<number>; disconnect: () => Promise<void> }> {
  const consumer = createKafkaClient({ clientId, brokers: setup.brokers, kafkaLogLevel: 'error' }).consumer({ groupId: uniqueName(clientId.replace(/-/g, '_')), maxWaitTimeInMs: 500 });
  let received = 0;
  let finish!: (endedAt: number) => void;
  const drained = new Promise<number>((resolve) => (finish = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (received === 0) onFirstBatch(batch.messages.length);
      received += batch.messages.length;
      if (received >= count) finish(performance.now());
    },
  });
  return { drained, disconnect: () => consumer.disconnect() };
}
