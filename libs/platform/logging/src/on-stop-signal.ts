import type { Logger } from './logger.ts';

/**
 * SIGINT/SIGTERM start a graceful stop; a second signal exits at once (130) for an operator who
 * does not want to wait. Returns a function that removes the handlers.
 */
export function onStopSignal(logger: Logger, stop: () => void): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => {
    received += 1;
    if (received > 1) {
      logger.warn('second stop signal: exiting without draining', { signal });
      process.exit(130);
    }
    logger.info('stop signal: finishing in-flight work, then exiting', { signal });
    stop();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
