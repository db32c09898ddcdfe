import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { changeTopic, runLandingWriter, type LandingWriter } from '@ledgerline/cdc';
import { openLandingZoneFromEnv } from '@ledgerline/composition';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { KafkaAdapter } from '@ledgerline/kafka';
import { onStopSignal, type Logger } from '@ledgerline/logging';
import { serveMetrics } from '@ledgerline/metrics';
import { createLandingMetrics } from './landing-metrics.ts';

/**
 * Fault-test hook (never set in production): after the first upload, write the object key to this
 * file and hang before committing, so a test can SIGKILL the writer exactly there.
 */
const PAUSE_AFTER_UPLOAD = 'LEDGERLINE_TEST_LANDING_PAUSE_AFTER_UPLOAD';

/** `cdc land`: the change topics of CDC_TABLES -> Parquet files in the landing zone. */
export async function runLandCommand(env: LedgerlineEnv, kafka: KafkaAdapter, logger: Logger, statsIntervalSeconds: number, metricsPort: number): Promise<number> {
  let writer: LandingWriter | undefined;
  const endpoint = await serveMetrics(createLandingMetrics(() => writer), { port: metricsPort, host: env.METRICS_HOST }, logger);
  const opened = await openLandingZoneFromEnv(env);
  const parquet = duckDbFromEnv(env).parquetWriter();
  const scratchDir = await mkdtemp(join(tmpdir(), 'ledgerline-landing-'));
  const pauseFile = process.env[PAUSE_AFTER_UPLOAD];
  const releaseSignals = onStopSignal(logger, () => void writer?.stop());
  try {
    const topics = env.CDC_TABLES.map((table) => {
      const [schema, name] = table.split('.') as [string, string];
      return changeTopic(env.CDC_TOPIC_PREFIX, schema, name);
    });
    logger.info(`landing ${topics.join(', ')} into ${opened.description} under ${env.CDC_LANDING_PREFIX}/ (roll ${env.CDC_LANDING_ROLL_SECONDS} s or ${env.CDC_LANDING_ROLL_MB} MiB)`);
    writer = await runLandingWriter(
      {
        reader: kafka.changeLogReader(),
        store: opened.store,
        parquet,
        logger,
        scratchDir,
        afterUpload: pauseFile
          ? async (key) => {
              await mkdir(join(pauseFile, '..'), { recursive: true });
              await writeFile(pauseFile, key);
              await new Promise(() => undefined);
            }
          : undefined,
      },
      {
        topics,
        groupId: env.CDC_LANDING_GROUP_ID,
        prefix: env.CDC_LANDING_PREFIX,
        rollMs: env.CDC_LANDING_ROLL_SECONDS * 1000,
        rollBytes: env.CDC_LANDING_ROLL_MB * 1024 * 1024,
      },
    );
    const statsTimer = statsIntervalSeconds > 0 ? setInterval(() => logger.info('landing stats', { ...writer?.stats() }), statsIntervalSeconds * 1000) : undefined;
    try {
      await writer.done;
    } finally {
      if (statsTimer) clearInterval(statsTimer);
    }
    logger.info('landing writer stopped', { ...writer.stats() });
    return 0;
  } catch (error) {
    logger.error('landing writer failed', { error });
    return 1;
  } finally {
    releaseSignals();
    await parquet.close().catch(() => undefined);
    await kafka.close();
    await opened.close();
    await rm(scratchDir, { recursive: true, force: true });
    await endpoint?.close();
  }
}
