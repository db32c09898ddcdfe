import { join } from 'node:path';
import { deadLetterTopic, runProducer, type EventPublisher, type OutgoingEvent } from '@ledgerline/ingestion';
import { createKafkaEventBus, kafkaClientFromEnv } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot, startKafka, startNodeProcess, uniqueName } from '@ledgerline/testing';
import { defineBenchmark } from '../benchmark.ts';
import { mean, percentile } from '../stats.ts';
import { bundleApp } from '../../build/bundle-app.ts';
import { cycledTransactions, peakRssMiB, serveNodeFlags, waitUntilDrained } from '../stream-bench-support.ts';

// Event latency at a steady rate: from `produced_at` (stamped by the producer as it encodes the
// event) to `ingested_at` (the database transaction that stored the row; Postgres' now() is the
// transaction start, so the commit itself, a few ms, is not included). Sink = the stream-sink app
// in its own process. The first BENCH_STREAM_WARMUP_S seconds are left out.
//   BENCH_STREAM_RATE (5000 events/s), BENCH_STREAM_SECONDS (30), BENCH_STREAM_WARMUP_S (3),
//   KAFKA_CLIENT (kafkajs): the client library of the producer and of the sink process,
//   BENCH_LATENCY_SINK_CLIENT (KAFKA_CLIENT): the sink's alone, to tell a producer-side gap between clients from a sink-side one
function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

/** Remembers when each valid event was produced, by tx_id. */
class ProducedAtRecorder implements EventPublisher {
  readonly producedAt = new Map<string, number>();
  constructor(private readonly inner: EventPublisher) {}
  async publish(topic: string, messages: OutgoingEvent[]): Promise<void> {
    await this.inner.publish(topic, messages);
    for (const m of messages) {
      const { tx_id, produced_at } = JSON.parse(String(m.value)) as { tx_id: string; produced_at: string };
      this.producedAt.set(tx_id, Date.parse(produced_at));
    }
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

export default defineBenchmark({
  name: 'stream-latency',
  description: 'produced_at -> row stored latency (p50/p99) at a steady producer rate, stream-sink as its own process',
  async run({ log }) {
    const rate = numberFromEnv('BENCH_STREAM_RATE', 5_000);
    const seconds = numberFromEnv('BENCH_STREAM_SECONDS', 30);
    const warmupMs = numberFromEnv('BENCH_STREAM_WARMUP_S', 3) * 1000;
    const { brokers } = await startKafka();
    const db = await createTestDatabase('bench_latency');
    const store = await createPostgresStore({ url: db.url, poolSize: 2 });
    const client = kafkaClientFromEnv(process.env);
    const sinkClient = kafkaClientFromEnv({ KAFKA_CLIENT: process.env.BENCH_LATENCY_SINK_CLIENT || client });
    const bus = createKafkaEventBus({ brokers, clientId: 'bench-latency', logger: silentLogger, client });
    const topic = uniqueName('bench_lat');
    const groupId = uniqueName('bench_sink');
    try {
      await store.migrate();
      await bus.admin.ensureTopics([
        { name: topic, partitions: 6 },
        { name: deadLetterTopic(topic), partitions: 6 },
      ]);
      // As its serve target runs it: the bundle on plain node with the target's node flags.
      log('bundling the stream-sink app');
      const sinkEntry = await bundleApp(repoRoot(), 'stream-sink', join(repoRoot(), 'node_modules', '.cache', 'bench-stream-latency-sink'));
      const sink = startNodeProcess([...serveNodeFlags(repoRoot(), 'stream-sink'), sinkEntry], ['--stats-interval', '0'], {
        cwd: repoRoot(),
        env: { KAFKA_BROKERS: brokers.join(','), KAFKA_CLIENT: sinkClient, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
        keepLines: 200,
      });
      try {
        // Let the sink join the group before the clock matters.
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        const source = cycledTransactions(11);
        source.next();
        const recorder = new ProducedAtRecorder(bus.publisher);
        log(`producing at ${rate}/s for ${seconds} s`);
        const report = await runProducer(
          { publisher: recorder, logger: silentLogger },
          // The watchdog ends a run whose broker went away (publishes would wait forever).
          { topic, source, ratePerSecond: rate, durationMs: seconds * 1000, progressIntervalMs: 0, signal: AbortSignal.timeout(seconds * 1000 + 120_000) },
        );
        log(`produced ${report.sent}; waiting for the sink`);
        await waitUntilDrained(store, bus.admin, groupId, topic, 10 * 60_000);
        const rssMiB = peakRssMiB(sink.pid);

        // Loops, not Math.min(...): spreading 100k+ values overflows the argument limit.
        let firstProduced = Number.POSITIVE_INFINITY;
        for (const at of recorder.producedAt.values()) firstProduced = Math.min(firstProduced, at);
        const latencies: number[] = [];
        const ids = [...recorder.producedAt.keys()];
        for (let i = 0; i < ids.length; i += 5_000) {
          for (const info of await store.transactionChangeInfo(ids.slice(i, i + 5_000))) {
            const producedAt = recorder.producedAt.get(info.tx_id);
            if (producedAt === undefined || producedAt - firstProduced < warmupMs) continue;
            latencies.push(Date.parse(info.ingested_at) - producedAt);
          }
        }
        return {
          metrics: [
            { name: 'p50', value: percentile(latencies, 50), unit: 'ms' },
            { name: 'p99', value: percentile(latencies, 99), unit: 'ms' },
            { name: 'mean', value: Math.round(mean(latencies) * 10) / 10, unit: 'ms' },
            { name: 'max', value: latencies.reduce((a, b) => Math.max(a, b), 0), unit: 'ms' },
            { name: 'achieved rate', value: report.eventsPerSecond, unit: 'events/s' },
            { name: 'sink peak RSS', value: Math.round(rssMiB), unit: 'MiB' },
          ],
          notes: [
            `${report.sent} events at a target of ${rate}/s for ${seconds} s (first ${warmupMs / 1000} s excluded: ${latencies.length} measured), ` +
              `6 partitions, Kafka client ${client} (producer), ${sinkClient} (sink), sink defaults (--max-batch 2000, --concurrency 2) bundled on node with its serve flags; latency ends at the start of the storing transaction`,
          ],
        };
      } finally {
        sink.kill('SIGTERM');
        await sink.exited;
      }
    } finally {
      await bus.admin.deleteTopics([topic, deadLetterTopic(topic)]).catch(() => undefined);
      await bus.close();
      await store.close();
      await db.drop();
    }
  },
});
