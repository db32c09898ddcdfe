import { ConfigError, loadConfig, type LedgerlineEnv, UsageError } from '@ledgerline/config';
import { EVENT_PUBLISHER, TOPIC_ADMIN, retryWithBackoff, runProducer } from '@ledgerline/ingestion';
import { requireKafkaFromEnv, type KafkaAdapter } from '@ledgerline/kafka';
import { createLogger, onStopSignal } from '@ledgerline/logging';
import { createMetricsRegistry, createProducerMetrics, metricsPort, serveMetrics } from '@ledgerline/metrics';
import { buildProducerContainer } from './container.ts';
import { countedPublisher } from './counted-publisher.ts';
import { producerSource } from './producer-source.ts';
import { PRODUCER_USAGE, parseProducerArgs, type ProducerArgs } from './producer-args.ts';

const EXIT_USAGE = 2;

function currentMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`Publishes seeded synthetic transactions to Kafka (KAFKA_BROKERS, topic KAFKA_TOPIC).\n${PRODUCER_USAGE}\n`);
    return 0;
  }
  let env: LedgerlineEnv;
  let args: ProducerArgs;
  try {
    env = loadConfig();
    args = parseProducerArgs(argv);
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof UsageError) process.stderr.write(`${error.message}\n${PRODUCER_USAGE}\n`);
    else throw error;
    return EXIT_USAGE;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  let kafka: KafkaAdapter;
  try {
    kafka = requireKafkaFromEnv(env, 'producer', { logger, role: 'producer' });
  } catch (error) {
    logger.error(error instanceof Error ? error.message : String(error));
    return EXIT_USAGE;
  }

  const registry = createMetricsRegistry();
  const metrics = createProducerMetrics(registry);
  const endpoint = await serveMetrics(registry, { port: metricsPort(args['metrics-port'], env.PRODUCER_METRICS_PORT), host: env.METRICS_HOST }, logger);
  const root = buildProducerContainer(kafka);
  const stop = new AbortController();
  const releaseSignals = onStopSignal(logger, () => stop.abort());
  try {
    for (const { port, adapter } of root.describeBindings()) logger.info('binding', { port, adapter });
    const topic = kafka.stream.topic;
    const admin = root.resolve(TOPIC_ADMIN);
    await retryWithBackoff(
      () => admin.ensureTopics(kafka.streamTopics()),
      {
        what: 'ensure topics',
        signal: stop.signal,
        onRetry: (error, attempt) => logger.warn('Kafka not ready; retrying', { attempt, error: String(error) }),
      },
    );
    const report = await runProducer(
      { publisher: countedPublisher(root.resolve(EVENT_PUBLISHER), (n) => metrics.eventsProduced.inc(n)), logger },
      {
        topic,
        source: producerSource(args, env, currentMonth()),
        ratePerSecond: args.rate,
        count: args.count,
        durationMs: args.duration !== undefined ? args.duration * 1000 : undefined,
        poisonRate: args['poison-rate'],
        poisonSeed: args.seed ?? env.GENERATOR_SEED,
        signal: stop.signal,
      },
    );
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } catch (error) {
    if (stop.signal.aborted) return 0;
    logger.error('producer failed', { error });
    return 1;
  } finally {
    releaseSignals();
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
