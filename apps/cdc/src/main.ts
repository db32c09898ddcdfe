import { ConfigError, loadConfig, type LedgerlineEnv, UsageError } from '@ledgerline/config';
import { CHANGE_SOURCE, changeTopic, runChangeCapture, type ChangeCapture } from '@ledgerline/cdc';
import { EVENT_PUBLISHER, TOPIC_ADMIN, retryWithBackoff } from '@ledgerline/ingestion';
import { requireKafkaFromEnv, type KafkaAdapter } from '@ledgerline/kafka';
import { createLogger, onStopSignal, type Logger } from '@ledgerline/logging';
import { CDC_HELP, CDC_USAGE, parseCdcArgs, type CdcArgs } from './cdc-args.ts';
import { metricsPort, serveMetrics } from '@ledgerline/metrics';
import { pgoutputOptionsFromEnv, type PgoutputSourceSettings } from '@ledgerline/postgres';
import { createCaptureMetrics } from './cdc-metrics.ts';
import { buildCdcContainer } from './container.ts';
import { runLoadCommand } from './load/load-command.ts';
import { printStatus } from './status-command.ts';
import { runLandCommand } from './land-command.ts';

const EXIT_USAGE = 2;

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(CDC_HELP);
    return 0;
  }
  let env: LedgerlineEnv;
  let args: CdcArgs;
  try {
    env = loadConfig();
    args = parseCdcArgs(argv);
  } catch (error) {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof UsageError) process.stderr.write(`${error.message}\n${CDC_USAGE}\n`);
    else throw error;
    return EXIT_USAGE;
  }
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  if (args.command === 'land') {
    // Needs Kafka and the object store only, not the database.
    let kafka: KafkaAdapter;
    try {
      kafka = requireKafkaFromEnv(env, 'landing writer (it reads the change topics)', { logger, role: 'cdc-landing' });
    } catch (error) {
      logger.error(error instanceof Error ? error.message : String(error));
      return EXIT_USAGE;
    }
    return runLandCommand(env, kafka, logger, args['stats-interval'], metricsPort(args['metrics-port'], env.CDC_LANDING_METRICS_PORT));
  }
  // The loader reads the object store and writes the warehouse: no PostgreSQL or Kafka.
  if (args.command === 'load') return runLoadCommand(env, logger, metricsPort(args['metrics-port'], env.CDC_LOAD_METRICS_PORT));
  let pgoutput: ReturnType<typeof pgoutputOptionsFromEnv>;
  try {
    pgoutput = pgoutputOptionsFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT_USAGE;
  }
  if (!pgoutput) {
    // The embedded source (PGlite's trigger change log) is not built yet: say so, do not guess.
    logger.error('DATABASE_URL: is not set; CDC needs PostgreSQL with wal_level=logical (the embedded trigger-log source is not available yet)');
    return EXIT_USAGE;
  }
  let kafka: KafkaAdapter | undefined;
  if (args.command === 'serve') {
    try {
      kafka = requireKafkaFromEnv(env, 'CDC process (it publishes change events)', { logger, role: 'cdc' });
    } catch (error) {
      logger.error(error instanceof Error ? error.message : String(error));
      return EXIT_USAGE;
    }
  }

  let root;
  try {
    root = await buildCdcContainer(pgoutput, logger, { kafka, topicPrefix: env.CDC_TOPIC_PREFIX });
  } catch (error) {
    await kafka?.close();
    logger.error('cdc could not start', { error });
    return 1;
  }
  try {
    const source = root.resolve(CHANGE_SOURCE);
    if (args.command === 'status') {
      await printStatus(source, metricsPort(args['metrics-port'], env.CDC_METRICS_PORT), (line) => process.stdout.write(`${line}\n`));
      return 0;
    }
    if (args.command === 'drop-slot') {
      await source.dropSlot();
      process.stdout.write(`dropped replication slot ${pgoutput.slot} (the publication ${pgoutput.publication} is kept)\n`);
      return 0;
    }
    for (const { port, adapter } of root.describeBindings()) logger.info('binding', { port, adapter });
    return await serve(env, pgoutput, args, logger, root);
  } catch (error) {
    logger.error(`cdc ${args.command} failed`, { error });
    return 1;
  } finally {
    await root.dispose().catch((error: unknown) => logger.error('shutdown failed', { error }));
  }
}

/** `pgoutput` names the slot and the captured tables (the change topics follow them): the adapter's reading of CDC_*, not env. */
async function serve(env: LedgerlineEnv, pgoutput: PgoutputSourceSettings, args: CdcArgs, logger: Logger, root: Awaited<ReturnType<typeof buildCdcContainer>>): Promise<number> {
  const source = root.resolve(CHANGE_SOURCE);
  const stopping = new AbortController();
  let capture: ChangeCapture | undefined;
  const releaseSignals = onStopSignal(logger, () => {
    stopping.abort();
    void capture?.stop();
  });
  const metrics = await serveMetrics(
    createCaptureMetrics(source, () => capture, pgoutput.slot),
    { port: metricsPort(args['metrics-port'], env.CDC_METRICS_PORT), host: env.METRICS_HOST },
    logger,
  );
  try {
    const topics = pgoutput.tables.map((table) => {
      const [schema, name] = table.split('.') as [string, string];
      return { name: changeTopic(env.CDC_TOPIC_PREFIX, schema, name), partitions: env.CDC_TOPIC_PARTITIONS };
    });
    await retryWithBackoff(() => root.resolve(TOPIC_ADMIN).ensureTopics(topics), {
      what: 'ensure change topics',
      signal: stopping.signal,
      onRetry: (error, attempt) => logger.warn('Kafka not ready; retrying', { attempt, error: String(error) }),
    });
    logger.info(`change source: ${source.kind} (slot ${pgoutput.slot}, tables ${pgoutput.tables.join(', ')})`);
    capture = await runChangeCapture(
      { source, publisher: root.resolve(EVENT_PUBLISHER), logger },
      { topicPrefix: env.CDC_TOPIC_PREFIX, maxBatchEvents: args['max-batch'], heartbeatIntervalMs: env.CDC_HEARTBEAT_SECONDS * 1000 },
    );
    if (stopping.signal.aborted) await capture.stop();
    const statsTimer = args['stats-interval'] > 0 ? setInterval(() => logger.info('cdc stats', { ...capture?.stats() }), args['stats-interval'] * 1000) : undefined;
    try {
      await capture.done;
    } finally {
      if (statsTimer) clearInterval(statsTimer);
    }
    return 0;
  } catch (error) {
    if (stopping.signal.aborted) return 0;
    logger.error('change capture failed', { error });
    return 1;
  } finally {
    releaseSignals();
    await metrics?.close();
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
