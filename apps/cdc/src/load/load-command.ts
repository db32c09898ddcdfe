import type { LedgerlineEnv } from '@ledgerline/config';
import { onStopSignal, type Logger } from '@ledgerline/logging';
import { serveMetrics } from '@ledgerline/metrics';
import { createLoadMetrics } from './load-metrics.ts';

const EXIT_USAGE = 2;

/** `cdc:serve -- load`: runs the loader and its receiver until SIGINT/SIGTERM. */
export async function runLoadCommand(env: LedgerlineEnv, logger: Logger, metricsPort: number): Promise<number> {
  const secret = env.CDC_LOAD_SECRET;
  if (!secret) {
    logger.error('CDC_LOAD_SECRET: is not set; the notification receiver needs a shared secret (at least 16 characters)');
    return EXIT_USAGE;
  }
  const metrics = createLoadMetrics();
  const endpoint = await serveMetrics(metrics.registry, { port: metricsPort, host: env.METRICS_HOST }, logger);
  let service;
  try {
    // Loaded here: `serve` (the capture) does not need DuckDB or the S3 SDK.
    const { startLoadService } = await import('./load-service.ts');
    service = await startLoadService({ ...env, CDC_LOAD_SECRET: secret }, logger, { metrics });
  } catch (error) {
    logger.error('loader could not start', { error: error instanceof Error ? error.message : String(error) });
    await endpoint?.close();
    return 1;
  }
  for (const binding of service.bindings) logger.info('binding', binding);
  logger.info('landing loader listening', { url: `${service.receiver.url}/s3-events`, prefix: env.CDC_LANDING_PREFIX, reconcile_seconds: env.CDC_LOAD_RECONCILE_SECONDS });
  await new Promise<void>((resolve) => {
    const release = onStopSignal(logger, () => {
      release();
      resolve();
    });
  });
  await service.close();
  await endpoint?.close();
  return 0;
}
