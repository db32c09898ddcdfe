import { ConfigError, loadConfig, type LedgerlineEnv, UsageError } from '@ledgerline/config';
import {
  EVENT_PUBLISHER,
  EVENT_SUBSCRIBER,
  TOPIC_ADMIN,
  TRANSACTION_STORE,
  retryWithBackoff,
  startStreamSink,
} from '@ledgerline/ingestion';
import { createLogger, onStopSignal } from '@ledgerline/logging';
import type { KafkaAdapter } from '@ledgerline/kafka';
import { createMetricsRegistry, createSinkMetrics, metricsPort, serveMetrics, trackSinkTotals } from '@ledgerline/metrics';
import { buildStreamSinkContainer, openSinkKafka } from './container.ts';
import { SINK_USAGE, parseSinkArgs, type SinkArgs } from './sink-args.ts';

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      `Lands the transactions topic (KAFKA_TOPIC on KAFKA_BROKERS) in Postgres (DATABASE_URL) as consumer group\n` +
        `KAFKA_GROUP_ID; invalid events go to <topic>.dlq with the reason. SIGINT/SIGTERM drain and stop.\n` +
        `Prometheus metrics on METRICS_HOST:SINK_METRICS_PORT/metrics (default 127.0.0.1:9467; --metrics-port, 0 = off).\n${SINK_USAGE}\n`,
    );
    return 0;
  }
  let env: LedgerlineEnv;
  let args: SinkArgs;
  try {
    env = loadConfig();
    args = parseSinkArgs(argv);
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof UsageError) process.stderr.write(`${error.message}\n${SINK_USAGE}\n`);
    else throw error;
    return EXIT_USAGE;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  let kafka: KafkaAdapter;
  try {
    kafka = openSinkKafka(env, logger, { concurrency: args.concurrency, sessionTimeoutMs: args['session-timeout'] * 1000 });
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    return EXIT_USAGE;
  }

  // Up before the database is: a sink waiting for it still answers scrapes (and shows no landing).
  const registry = createMetricsRegistry();
  const metrics = createSinkMetrics(registry);
  const endpoint = await serveMetrics(registry, { port: metricsPort(args['metrics-port'], env.SINK_METRICS_PORT), host: env.METRICS_HOST }, logger);

  const stopping = new AbortController();
  let stopSink: (() => Promise<void>) | undefined;
  const releaseSignals = onStopSignal(logger, () => {
    stopping.abort();
    void stopSink?.();
  });
  // The database may still be starting: wait for it rather than crash-looping.
  const waitForDatabase = <T>(what: string, work: () => Promise<T>) =>
    retryWithBackoff(work, {
      what,
      signal: stopping.signal,
      onRetry: (error, attempt) => logger.warn('database not ready; retrying', { what, attempt, error: String(error) }),
    });
  let root;
  try {
    root = await waitForDatabase('connect', () => buildStreamSinkContainer(env, kafka, logger));
  } catch (error) {
    releaseSignals();
    await kafka.close();
    await endpoint?.close();
    if (stopping.signal.aborted) return 0;
    logger.error('stream sink could not start', { error });
    return 1;
  }
  let tracker: ReturnType<typeof trackSinkTotals> | undefined;
  try {
    for (const { port, adapter } of root.describeBindings()) logger.info('binding', { port, adapter });
    const sink = await startStreamSink(
      {
        subscriber: root.resolve(EVENT_SUBSCRIBER),
        publisher: root.resolve(EVENT_PUBLISHER),
        admin: root.resolve(TOPIC_ADMIN),
        store: root.resolve(TRANSACTION_STORE),
        logger,
      },
      {
        topic: kafka.stream.topic,
        groupId: kafka.stream.groupId,
        partitions: kafka.stream.partitions,
        signal: stopping.signal,
        maxBatchSize: args['max-batch'],
        statsIntervalMs: args['stats-interval'] * 1000,
      },
    );
    stopSink = () => sink.stop();
    tracker = trackSinkTotals(metrics, () => sink.stats());
    if (stopping.signal.aborted) await sink.stop();
    await sink.done;
    return 0;
  } catch (error) {
    if (stopping.signal.aborted) return 0;
    logger.error('stream sink failed', { error });
    return 1;
  } finally {
    releaseSignals();
    tracker?.stop();
    tracker?.flush();
    await endpoint?.close();
    await root.dispose().catch((error: unknown) => logger.error('shutdown failed', { error }));
  }
}

// Exit explicitly: kafkajs may keep timers alive after disconnect.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
