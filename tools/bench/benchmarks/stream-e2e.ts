import { deadLetterTopic, runProducer } from '@ledgerline/ingestion';
import { createKafkaEventBus } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot, startKafka, uniqueName } from '@ledgerline/testing';
import { defineBenchmark } from '../benchmark.ts';
import { cycledTransactions, peakRssMiB, startSinkProcess, waitUntilDrained } from '../stream-bench-support.ts';

// End-to-end stream throughput: the producer use case publishes N events to Kafka at full speed
// while the stream-sink app (its own process, as deployed) lands them in PostgreSQL. Measured from
// the first publish until the stored offsets reach the end of every partition.
//   BENCH_STREAM_EVENTS (default 1,000,000), BENCH_STREAM_PARTITIONS (6),
//   BENCH_SINK_MAX_BATCH (2000), BENCH_SINK_CONCURRENCY (2)
function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

export default defineBenchmark({
  name: 'stream-e2e',
  description: 'producer -> Kafka -> stream-sink process -> PostgreSQL: events/s end to end, producer events/s, sink peak RSS',
  async run({ log }) {
    const events = intFromEnv('BENCH_STREAM_EVENTS', 1_000_000);
    const partitions = intFromEnv('BENCH_STREAM_PARTITIONS', 6);
    const maxBatch = intFromEnv('BENCH_SINK_MAX_BATCH', 2_000);
    const concurrency = intFromEnv('BENCH_SINK_CONCURRENCY', 2);
    const { brokers } = await startKafka();
    const db = await createTestDatabase('bench_stream');
    const store = await createPostgresStore({ url: db.url, poolSize: 2 });
    const bus = createKafkaEventBus({ brokers, clientId: 'bench-stream', logger: silentLogger });
    const topic = uniqueName('bench_tx');
    const groupId = uniqueName('bench_sink');
    try {
      await store.migrate();
      await bus.admin.ensureTopics([
        { name: topic, partitions },
        { name: deadLetterTopic(topic), partitions },
      ]);
      const source = cycledTransactions(7);
      source.next(); // build the pool before the clock starts

      const sink = startSinkProcess(
        repoRoot(),
        {
          KAFKA_BROKERS: brokers.join(','),
          KAFKA_TOPIC: topic,
          KAFKA_GROUP_ID: groupId,
          KAFKA_PARTITIONS: String(partitions),
          DATABASE_URL: db.url,
          DATABASE_POOL_SIZE: String(concurrency + 1),
          LOG_LEVEL: 'warn',
        },
        ['--max-batch', String(maxBatch), '--concurrency', String(concurrency), '--stats-interval', '0'],
      );
      try {
        log(`producing ${events} events to ${partitions} partitions`);
        const started = performance.now();
        const report = await runProducer({ publisher: bus.publisher, logger: silentLogger }, {
          topic,
          source,
          count: events,
          progressIntervalMs: 0,
          // The watchdog ends a run whose broker went away (publishes would wait forever).
          signal: AbortSignal.timeout(30 * 60_000),
        });
        if (report.sent !== events) throw new Error(`producer stopped after ${report.sent} of ${events} events`);
        log(`produced at ${report.eventsPerSecond} events/s; waiting for the sink`);
        await waitUntilDrained(store, bus.admin, groupId, topic, 30 * 60_000);
        const seconds = (performance.now() - started) / 1000;
        const rssMiB = peakRssMiB(sink.pid);
        const rows = await store.countTransactions();
        if (rows !== events) throw new Error(`expected ${events} rows, found ${rows}`);
        return {
          metrics: [
            { name: 'end-to-end', value: Math.round(events / seconds), unit: 'events/s' },
            { name: 'producer', value: report.eventsPerSecond, unit: 'events/s' },
            { name: 'total time', value: Math.round(seconds * 10) / 10, unit: 's' },
            { name: 'sink peak RSS', value: Math.round(rssMiB), unit: 'MiB' },
          ],
          notes: [
            `${events} events (~${Math.round(Buffer.byteLength(JSON.stringify(source.next().value)) / 10) * 10} B JSON each), ${partitions} partitions, ` +
              `sink --max-batch ${maxBatch} --concurrency ${concurrency}, idempotent producer (acks=all), kafkajs 2.2.4, ` +
              'producer and sink on the same 2-core machine as the broker and PostgreSQL',
          ],
        };
      } finally {
        sink.stop();
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
