import type { LedgerlineEnv } from '@ledgerline/config';
import { onStopSignal, type Logger } from '@ledgerline/logging';

const EXIT_USAGE = 2;

/** `cdc:serve -- load`: runs the loader and its receiver until SIGINT/SIGTERM. */
export async function runLoadCommand(env: LedgerlineEnv, logger: Logger): Promise<number> {
  const secret = env.CDC_LOAD_SECRET;
  if (!secret) {
    logger.error('CDC_LOAD_SECRET: is not set; the notification receiver needs a shared secret (at least 16 characters)');
    return EXIT_USAGE;
  }
  let service;
  try {
    // Loaded here: `serve` (the capture) does not need DuckDB or the S3 SDK.
    const { startLoadService } = await import('./load-service.ts');
    service = await startLoadService({ ...env, CDC_LOAD_SECRET: secret }, logger);
  } catch (error) {
    logger.error('loader could not start', { error: error instanceof Error ? error.message : String(error) });
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
  return 0;
}
