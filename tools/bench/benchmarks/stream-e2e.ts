import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterTopic, runProducer, type TransactionStore } from '@ledgerline/ingestion';
import type { Transaction } from '@ledgerline/transactions';
import { createKafkaClient, createKafkaEventBus, describeLeanKafkajs, leanKafkajs, type KafkaEventBus } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot, startKafka, startNodeProcess, uniqueName, type NodeProcess, type TestDatabase } from '@ledgerline/testing';
import { bundleApp } from '../../build/bundle-app.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { cycledTransactions, peakRssMiB, serveNodeFlags, waitUntilDrained } from '../stream-bench-support.ts';

// Stream throughput, four ways, all on the same 2-core machine as the broker and PostgreSQL:
//  1. end to end: the producer use case publishes N events at full speed while the stream-sink
//     app (its own process, as deployed) lands them; from the first publish until the stored
//     offsets reach the end of every partition;
//  2. producer only: N events to a fresh topic, no sink running;
//  3. sink only: the sink app drains that pre-filled topic into a fresh database (steady state:
//     from its first commit to the last, so process start and group join are left out);
//  4. bare kafkajs consume of the same topic with no sink work (the client-side ceiling).
// Where the CPU goes is reported per process (CPU seconds per 1M events) from /proc, because with
// four busy processes on two cores the throughput is a question of CPU, not of waiting.
//   BENCH_STREAM_EVENTS (1,000,000), BENCH_STREAM_PARTITIONS (6), BENCH_SINK_MAX_BATCH (sink default),
//   BENCH_SINK_CONCURRENCY (sink default), BENCH_PRODUCER_CHUNK (events per publish, producer default), BENCH_STREAM_PHASES (e2e,producer,sink,sink-poison,bare; sink-poison = the sink phase with one NUL event per batch),
//   BENCH_SINK_HEAP_MB (overrides the sink's --max-old-space-size from its serve target; 0 = none),
//   BENCH_STREAM_WARMUP (events through a throwaway topic before the phases, 200,000; 0 = none),
//   BENCH_STREAM_CPU_PROF (a directory: the sink child writes V8 CPU profiles into <dir>/sink-<phase>/, one per thread)
function intOrZeroFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

function intFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

const PHASES = ['e2e', 'producer', 'sink', 'sink-poison', 'bare'] as const;
type Phase = (typeof PHASES)[number];

function phasesFromEnv(): Set<Phase> {
  const raw = process.env.BENCH_STREAM_PHASES ?? PHASES.join(',');
  const picked = raw.split(',').map((p) => p.trim());
  for (const p of picked) if (!(PHASES as readonly string[]).includes(p)) throw new Error(`BENCH_STREAM_PHASES: unknown phase ${p}`);
  return new Set(picked as Phase[]);
}

// ---- CPU accounting from /proc (Linux) --------------------------------------------------------

const TICKS_PER_SECOND = 100;

/** utime + stime of one process, in seconds (0 when it is gone). */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): ProcessInfo[] {
  const list: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      list.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // exited while listing
    }
  }
  return list;
}

/** A process and its descendants (tsx starts an esbuild child). */
function processTree(root: number): number[] {
  const all = processes();
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) for (const p of all) if (p.ppid === tree[i]) tree.push(p.pid);
  return tree;
}

/**
 * The processes whose CPU a phase is charged with. PostgreSQL: the backends connected to this
 * run's database(s) plus the shared background writers (WAL writer, checkpointer...), not other
 * databases' backends, since other work may share the server.
 */
function cpuGroups(databases: string[], sinkPid: number | undefined): Record<string, number[]> {
  const all = processes();
  const postgres = all
    .filter((p) => p.cmdline.startsWith('postgres:'))
    .filter((p) => {
      const words = p.cmdline.split(/\s+/);
      // Backends read "postgres: <user> <database> <client> <state>".
      const isBackend = words.length >= 4 && /\(\d+\)$|\[local\]/.test(words[3] ?? '');
      return !isBackend || databases.includes(words[2] ?? '');
    })
    .map((p) => p.pid);
  return {
    sink: sinkPid === undefined ? [] : processTree(sinkPid),
    broker: all.filter((p) => p.cmdline.includes('kafka.Kafka')).map((p) => p.pid),
    postgres,
  };
}

/** CPU seconds per group from construction to stop(); pids are looked up at both ends. */
class CpuMeter {
  private readonly startSelf = process.cpuUsage();
  private readonly start: Map<number, number>;
  private readonly machineStart = machineBusySeconds();
  constructor(private readonly groups: () => Record<string, number[]>) {
    this.start = new Map(Object.values(groups()).flat().map((pid) => [pid, cpuSecondsOf(pid)]));
  }
  /** Call while the processes are still alive. */
  stop(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups())) {
      let seconds = 0;
      // A pid that appeared during the phase started at 0.
      for (const pid of pids) seconds += cpuSecondsOf(pid) - (this.start.get(pid) ?? 0);
      result[name] = seconds;
    }
    const self = process.cpuUsage(this.startSelf);
    result['bench process'] = (self.user + self.system) / 1e6;
    const machine = machineBusySeconds();
    result['whole machine'] = machine - this.machineStart;
    return result;
  }
}

/** Busy (non-idle, non-iowait) CPU seconds of all cores since boot. */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu  user nice system idle iowait irq softirq steal ...
  const [, user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

function cpuMetrics(phase: string, cpu: Record<string, number>, events: number): Metric[] {
  const perMillion = 1_000_000 / events;
  return Object.entries(cpu).map(([name, seconds]) => ({
    name: `${phase}: CPU ${name} per 1M events`,
    value: Math.round(seconds * perMillion * 10) / 10,
    unit: 's',
  }));
}

// ---- phases -----------------------------------------------------------------------------------

interface Setup {
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

async function freshTopic(setup: Setup, prefix: string): Promise<string> {
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

async function produce(setup: Setup, topic: string, seed: number, count = setup.events, poisonEvery?: number) {
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
async function warmUpBroker(setup: Setup, count: number): Promise<void> {
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

interface SinkDb {
  db: TestDatabase;
  store: TransactionStore;
}

async function sinkDatabase(prefix: string): Promise<SinkDb> {
  const db = await createTestDatabase(prefix);
  const store = await createPostgresStore({ url: db.url, poolSize: 2 });
  await store.migrate();
  return { db, store };
}

async function releaseDatabase({ db, store }: SinkDb): Promise<void> {
  await store.close();
  await db.drop();
}

/**
 * The sink's node flags as its serve target has them; `heapMb` replaces the old-generation cap
 * (0 = none). The sink's live heap is small but V8 lets garbage pile up without a cap (see
 * docs/stream.md, "Sink memory").
 */
function sinkNodeFlags(heapMb: number | undefined): string[] {
  const flags = serveNodeFlags(repoRoot(), 'stream-sink');
  if (heapMb === undefined) return flags;
  const others = flags.filter((f) => !f.startsWith('--max-old-space-size='));
  return heapMb > 0 ? [...others, `--max-old-space-size=${heapMb}`] : others;
}

/**
 * The bundled sink app in its own node process with the node flags of its serve target, plus a V8 CPU profile when BENCH_STREAM_CPU_PROF names a directory.
 */
function startSink(setup: Setup, topic: string, groupId: string, dbUrl: string, phase: string): NodeProcess {
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
async function waitForGroupMember(brokers: string[], groupId: string, sink: NodeProcess): Promise<void> {
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

async function checkRows(store: TransactionStore, expected: number): Promise<void> {
  const rows = await store.countTransactions();
  if (rows !== expected) throw new Error(`expected ${expected} rows, found ${rows}`);
}

async function endToEnd(setup: Setup): Promise<Metric[]> {
  const topic = await freshTopic(setup, 'bench_tx');
  const groupId = uniqueName('bench_sink');
  const target = await sinkDatabase('bench_stream');
  try {
    const sink = startSink(setup, topic, groupId, target.db.url, 'e2e');
    try {
      await waitForGroupMember(setup.brokers, groupId, sink);
      const meter = new CpuMeter(() => cpuGroups([target.db.name], sink.pid));
      setup.log(`e2e: producing ${setup.events} events to ${setup.partitions} partitions while the sink lands them`);
      const started = performance.now();
      const report = await produce(setup, topic, 7);
      setup.log(`e2e: produced at ${report.eventsPerSecond} events/s; waiting for the sink`);
      await waitUntilDrained(target.store, setup.bus.admin, groupId, topic, 30 * 60_000);
      const seconds = (performance.now() - started) / 1000;
      const cpu = meter.stop();
      cpu.producer = cpu['bench process'] ?? 0;
      delete cpu['bench process'];
      const rssMiB = peakRssMiB(sink.pid);
      await checkRows(target.store, setup.events);
      return [
        { name: 'end-to-end', value: Math.round(setup.events / seconds), unit: 'events/s' },
        { name: 'e2e: producer while the sink runs', value: report.eventsPerSecond, unit: 'events/s' },
        { name: 'e2e: total time', value: Math.round(seconds * 10) / 10, unit: 's' },
        { name: 'sink peak RSS (e2e)', value: Math.round(rssMiB), unit: 'MiB' },
        ...cpuMetrics('e2e', cpu, setup.events),
      ];
    } finally {
      sink.kill('SIGTERM');
      await sink.exited;
    }
  } finally {
    await setup.bus.admin.deleteTopics([topic, deadLetterTopic(topic)]).catch(() => undefined);
    await releaseDatabase(target);
  }
}

async function producerOnly(setup: Setup, topic: string): Promise<Metric[]> {
  setup.log(`producer: ${setup.events} events, no sink running`);
  const meter = new CpuMeter(() => cpuGroups([], undefined));
  const report = await produce(setup, topic, 13);
  const cpu = meter.stop();
  cpu.producer = cpu['bench process'] ?? 0;
  delete cpu['bench process'];
  delete cpu.sink;
  delete cpu.postgres;
  return [{ name: 'producer only', value: report.eventsPerSecond, unit: 'events/s' }, ...cpuMetrics('producer only', cpu, setup.events)];
}

/** Sum of the stored next offsets: events the sink has committed (the topic starts at 0). */
async function storedEvents(store: TransactionStore, groupId: string, topic: string): Promise<number> {
  return (await store.loadOffsets(groupId, topic)).reduce((sum, o) => sum + Number(o.offset), 0);
}

async function sinkOnly(setup: Setup, topic: string, label = 'sink only', expectedRows = setup.events): Promise<Metric[]> {
  const groupId = uniqueName('bench_sink_only');
  const target = await sinkDatabase('bench_sink_only');
  try {
    setup.log(`sink: draining the pre-filled topic (${setup.events} events)`);
    const sink = startSink(setup, topic, groupId, target.db.url, 'sink-only');
    try {
      // Steady state: the clock starts at the first commit (process start and group join excluded).
      let first = 0;
      const deadline = Date.now() + 5 * 60_000;
      while ((first = await storedEvents(target.store, groupId, topic)) === 0) {
        if (Date.now() > deadline) throw new Error(`sink made no progress: ${sink.output.join('\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const meter = new CpuMeter(() => cpuGroups([target.db.name], sink.pid));
      const started = performance.now();
      await waitUntilDrained(target.store, setup.bus.admin, groupId, topic, 30 * 60_000);
      const seconds = (performance.now() - started) / 1000;
      const cpu = meter.stop();
      delete cpu['bench process'];
      const rssMiB = peakRssMiB(sink.pid);
      await checkRows(target.store, expectedRows);
      const measured = setup.events - first;
      return [
        { name: `${label} (pre-filled topic)`, value: Math.round(measured / seconds), unit: 'events/s' },
        { name: `sink peak RSS (${label})`, value: Math.round(rssMiB), unit: 'MiB' },
        ...cpuMetrics(label, cpu, measured),
      ];
    } finally {
      sink.kill('SIGTERM');
      await sink.exited;
    }
  } finally {
    await releaseDatabase(target);
  }
}

/**
 * kafkajs alone: a consumer group reading the pre-filled topic and only counting messages, with the
 * fetch sizes the sink's subscriber uses. What any kafkajs consumer in one node process can reach.
 */
async function bareConsume(setup: Setup, topic: string): Promise<Metric[]> {
  setup.log('bare kafkajs consume of the pre-filled topic');
  let startedAt = 0;
  let meter: CpuMeter | undefined;
  let firstBatch = 0;
  const counting = await consumeCounting(setup, 'bench-bare', topic, setup.events, (size) => {
    startedAt = performance.now();
    meter = new CpuMeter(() => cpuGroups([], undefined));
    firstBatch = size;
  });
  try {
    const endedAt = await counting.drained;
    const cpu = meter?.stop() ?? {};
    cpu['bare consumer'] = cpu['bench process'] ?? 0;
    delete cpu['bench process'];
    delete cpu.sink;
    delete cpu.postgres;
    const measured = setup.events - firstBatch;
    return [
      { name: 'bare kafkajs consume (no sink)', value: Math.round(measured / ((endedAt - startedAt) / 1000)), unit: 'events/s' },
      ...cpuMetrics('bare consume', cpu, measured),
    ];
  } finally {
    await counting.disconnect();
  }
}

/**
 * A kafkajs consumer group (a fresh group id) reading `topic` from the start and only counting;
 * `drained` resolves with the time the count was reached. `onFirstBatch` sees the first batch's size.
 */
async function consumeCounting(
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

export default defineBenchmark({
  name: 'stream-e2e',
  description:
    'producer -> Kafka -> stream-sink process -> PostgreSQL: events/s end to end, producer only, sink only, bare kafkajs consume; sink peak RSS; CPU per process',
  async run({ log }) {
    const events = intFromEnv('BENCH_STREAM_EVENTS') ?? 1_000_000;
    const partitions = intFromEnv('BENCH_STREAM_PARTITIONS') ?? 6;
    const maxBatch = intFromEnv('BENCH_SINK_MAX_BATCH');
    const concurrency = intFromEnv('BENCH_SINK_CONCURRENCY');
    const phases = phasesFromEnv();
    const sinkFlags = sinkNodeFlags(intOrZeroFromEnv('BENCH_SINK_HEAP_MB'));
    // The producer use case runs in this process: it should have the producer app's node flags
    // (package.json's bench script passes them).
    const missing = serveNodeFlags(repoRoot(), 'producer').filter((f) => f.startsWith('--max') && !process.execArgv.includes(f));
    if (missing.length > 0) log(`warning: this process lacks the producer's node flags ${missing.join(' ')} (run through npm run bench)`);
    const { brokers } = await startKafka();
    const bus = createKafkaEventBus({ brokers, clientId: 'bench-stream', logger: silentLogger });
    log('bundling the stream-sink app (its serve target runs the bundle)');
    const sinkEntry = await bundleApp(repoRoot(), 'stream-sink', join(repoRoot(), 'node_modules', '.cache', 'bench-stream-sink'));
    const sinkArgs = ['--stats-interval', '0'];
    if (maxBatch !== undefined) sinkArgs.push('--max-batch', String(maxBatch));
    if (concurrency !== undefined) sinkArgs.push('--concurrency', String(concurrency));
    const setup: Setup = {
      brokers,
      bus,
      events,
      partitions,
      sinkArgs,
      sinkFlags,
      producerChunk: intFromEnv('BENCH_PRODUCER_CHUNK'),
      sinkEntry,
      sinkEnv: {
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_PARTITIONS: String(partitions),
        DATABASE_POOL_SIZE: String((concurrency ?? 2) + 1),
        LOG_LEVEL: 'warn',
      },
      log,
    };
    const metrics: Metric[] = [];
    let prefilled: string | undefined;
    let poisoned: string | undefined;
    try {
      await warmUpBroker(setup, intOrZeroFromEnv('BENCH_STREAM_WARMUP') ?? 200_000);
      if (phases.has('e2e')) metrics.push(...(await endToEnd(setup)));
      if (phases.has('producer') || phases.has('sink') || phases.has('bare')) {
        prefilled = await freshTopic(setup, 'bench_prefilled');
        if (phases.has('producer')) metrics.push(...(await producerOnly(setup, prefilled)));
        else await produce(setup, prefilled, 13);
        if (phases.has('sink')) metrics.push(...(await sinkOnly(setup, prefilled)));
        if (phases.has('bare')) metrics.push(...(await bareConsume(setup, prefilled)));
      }
      if (phases.has('sink-poison')) {
        // One NUL event per sink batch (issue #22: one made its batch fall back to a row per
        // transaction, 10x slower): dead-lettered by itself, the rest of the batch lands.
        const every = maxBatch ?? 2_000;
        poisoned = await freshTopic(setup, 'bench_poisoned');
        await produce(setup, poisoned, 13, events, every);
        const label = `sink only, 1 poison per ${every} events`;
        const measured = await sinkOnly(setup, poisoned, label, events - Math.floor(events / every));
        metrics.push(...measured);
        const clean = metrics.find((m) => m.name === 'sink only (pre-filled topic)')?.value;
        const dirty = measured[0]?.value;
        if (clean && dirty) metrics.push({ name: 'sink: clean / 1-poison-per-batch throughput', value: Math.round((clean / dirty) * 100) / 100, unit: 'x' });
      }
      const sample = JSON.stringify(cycledTransactions(7, 1).next().value);
      return {
        metrics,
        notes: [
          `${events} events (~${Math.round(Buffer.byteLength(sample) / 10) * 10} B JSON each), ${partitions} partitions, phases ${[...phases].join(',')} after a broker warm-up of ${intOrZeroFromEnv('BENCH_STREAM_WARMUP') ?? 200_000} events, ` +
            `sink ${sinkArgs.join(' ')} (else its defaults) on node ${sinkFlags.join(' ')}, producer (bench process) on node ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || '(no flags)'}, idempotent producer (acks=all), kafkajs 2.2.4 (${describeLeanKafkajs(leanKafkajs)}); producer, broker, ` +
            'PostgreSQL and sink share one 2-core machine. CPU = utime+stime from /proc over the measured window, per 1M events ' +
            '(postgres = this run\'s backends + background writers; "whole machine" includes anything else running)',
        ],
      };
    } finally {
      if (prefilled) await bus.admin.deleteTopics([prefilled, deadLetterTopic(prefilled)]).catch(() => undefined);
      if (poisoned) await bus.admin.deleteTopics([poisoned, deadLetterTopic(poisoned)]).catch(() => undefined);
      await bus.close();
    }
  },
});
