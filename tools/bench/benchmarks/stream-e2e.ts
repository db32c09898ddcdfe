import { join } from 'node:path';
import { deadLetterTopic, type TransactionStore } from '@ledgerline/ingestion';
import { createKafkaEventBus, describeLeanKafkajs, kafkaClientSchema, leanKafkajs, type KafkaClientName } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { repoRoot, startKafka, uniqueName } from '@ledgerline/testing';
import { bundleApp } from '../../build/bundle-app.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { cycledTransactions, peakRssMiB, serveNodeFlags, waitUntilDrained } from '../stream-bench-support.ts';
import { CpuMeter, cpuGroups, cpuMetrics } from '../stream-e2e/cpu-meter.ts';
import { bareConsumeName, clientRatios, labelled } from '../stream-e2e/client-ratios.ts';
import { consumeCountingPlatformatic } from '../stream-e2e/platformatic-counting.ts';
import { checkRows, consumeCounting, freshTopic, produce, releaseDatabase, sinkDatabase, sinkNodeFlags, startSink, waitForGroupMember, warmUpBroker, type Setup } from '../stream-e2e/setup.ts';

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
//   BENCH_STREAM_CPU_PROF (a directory: the sink child writes V8 CPU profiles into <dir>/sink-<phase>/, one per thread),
//   BENCH_STREAM_CLIENTS (kafkajs; e.g. kafkajs,platformatic): the e2e, sink and bare phases run once per Kafka client
//   (e2e: producer and sink process on it; sink: the sink process, KAFKA_CLIENT; bare: the library's own consumer),
//   reported with the ratios of stream-e2e/client-ratios.ts (e2e / bare consume, each client / kafkajs)
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

function clientsFromEnv(): KafkaClientName[] {
  const raw = process.env.BENCH_STREAM_CLIENTS ?? 'kafkajs';
  return raw.split(',').map((c) => kafkaClientSchema.parse(c.trim()));
}

/** The run's setup with the sink process on `client` (KAFKA_CLIENT). */
function clientSetup(setup: Setup, client: KafkaClientName): Setup {
  return { ...setup, sinkEnv: { ...setup.sinkEnv, KAFKA_CLIENT: client } };
}

const PHASES = ['e2e', 'producer', 'sink', 'sink-poison', 'bare'] as const;
type Phase = (typeof PHASES)[number];

function phasesFromEnv(): Set<Phase> {
  const raw = process.env.BENCH_STREAM_PHASES ?? PHASES.join(',');
  const picked = raw.split(',').map((p) => p.trim());
  for (const p of picked) if (!(PHASES as readonly string[]).includes(p)) throw new Error(`BENCH_STREAM_PHASES: unknown phase ${p}`);
  return new Set(picked as Phase[]);
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
 * The client alone: a consumer group reading the pre-filled topic and only counting messages, with
 * the fetch sizes the sink's subscriber uses. What any consumer on that client in one node process
 * can reach (kafkajs: consumer.run's batches; platformatic: the library's message stream).
 */
async function bareConsume(setup: Setup, topic: string, client: KafkaClientName): Promise<Metric[]> {
  setup.log(`bare ${client} consume of the pre-filled topic`);
  let startedAt = 0;
  let meter: CpuMeter | undefined;
  let before = 0;
  const onFirst = (size: number) => {
    startedAt = performance.now();
    meter = new CpuMeter(() => cpuGroups([], undefined));
    before = size;
  };
  const counting =
    client === 'platformatic'
      ? await consumeCountingPlatformatic(setup.brokers, 'bench-bare-platformatic', topic, setup.events, () => onFirst(1))
      : await consumeCounting(setup, 'bench-bare', topic, setup.events, onFirst);
  try {
    const endedAt = await counting.drained;
    const cpu = meter?.stop() ?? {};
    cpu['bare consumer'] = cpu['bench process'] ?? 0;
    delete cpu['bench process'];
    delete cpu.sink;
    delete cpu.postgres;
    const measured = setup.events - before;
    return [
      { name: bareConsumeName(client), value: Math.round(measured / ((endedAt - startedAt) / 1000)), unit: 'events/s' },
      ...labelled(cpuMetrics('bare consume', cpu, measured), client),
    ];
  } finally {
    await counting.disconnect();
  }
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
    const clients = clientsFromEnv();
    const failedClients: string[] = [];
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
      if (phases.has('e2e')) {
        for (const client of clients) {
          if (client === 'kafkajs') {
            metrics.push(...(await endToEnd(clientSetup(setup, client))));
            continue;
          }
          const clientBus = createKafkaEventBus({ brokers, clientId: `bench-stream-${client}`, logger: silentLogger, client });
          try {
            metrics.push(...labelled(await endToEnd({ ...clientSetup(setup, client), bus: clientBus }), client));
          } catch (error) {
            // One client that cannot run (a missing native build) must not cost the others' numbers.
            failedClients.push(`${client}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
            log(`e2e [${client}] failed: ${String(error)}`);
          } finally {
            await clientBus.close();
          }
        }
      }
      if (phases.has('producer') || phases.has('sink') || phases.has('bare')) {
        prefilled = await freshTopic(setup, 'bench_prefilled');
        if (phases.has('producer')) metrics.push(...(await producerOnly(setup, prefilled)));
        else await produce(setup, prefilled, 13);
        for (const client of clients) {
          if (phases.has('sink')) metrics.push(...labelled(await sinkOnly(clientSetup(setup, client), prefilled), client));
          if (phases.has('bare')) metrics.push(...(await bareConsume(setup, prefilled, client)));
        }
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
      metrics.push(...clientRatios(metrics, clients));
      const sample = JSON.stringify(cycledTransactions(7, 1).next().value);
      return {
        metrics,
        notes: [
          `${events} events (~${Math.round(Buffer.byteLength(sample) / 10) * 10} B JSON each), ${partitions} partitions, phases ${[...phases].join(',')} after a broker warm-up of ${intOrZeroFromEnv('BENCH_STREAM_WARMUP') ?? 200_000} events, ` +
            `sink ${sinkArgs.join(' ')} (else its defaults) on node ${sinkFlags.join(' ')}, producer (bench process) on node ${process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || '(no flags)'}, idempotent producer (acks=all), Kafka clients ${clients.join(',')} for e2e, sink and bare (kafkajs 2.2.4 ${describeLeanKafkajs(leanKafkajs)}, @platformatic/kafka 2.12.1), kafkajs for producer only, sink-poison and filling the topics; producer, broker, ` +
            'PostgreSQL and sink share one 2-core machine. CPU = utime+stime from /proc over the measured window, per 1M events ' +
            '(postgres = this run\'s backends + background writers; "whole machine" includes anything else running)',
          ...failedClients.map((f) => `e2e not measured for ${f}`),
        ],
      };
    } finally {
      if (prefilled) await bus.admin.deleteTopics([prefilled, deadLetterTopic(prefilled)]).catch(() => undefined);
      if (poisoned) await bus.admin.deleteTopics([poisoned, deadLetterTopic(poisoned)]).catch(() => undefined);
      await bus.close();
    }
  },
});
