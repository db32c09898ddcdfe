import type { logCreator } from 'kafkajs';
import { logLevel } from './kafkajs-runtime.ts';
import type { Logger } from '@ledgerline/logging';
import { ConnectionTroubleCollapser, isConnectionTrouble } from './connection-trouble.ts';

/**
 * kafkajs log lines through our logger, so they share its format, level and destination.
 * Connection errors and warnings (a broker away or restarting, which kafkajs retries) are
 * collapsed into counted warnings (ConnectionTroubleCollapser) instead of one ERROR line each.
 */
export function kafkaLogCreator(logger: Logger, collapser = new ConnectionTroubleCollapser(logger.child('kafkajs'))): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, stack: _stack, ...fields } = log;
      if ((level === logLevel.ERROR || level === logLevel.WARN) && isConnectionTrouble(message, fields)) {
        collapser.record(namespace, message, fields);
        return;
      }
      const scoped = logger.child(`kafkajs${namespace ? `/${namespace}` : ''}`);
      if (level === logLevel.ERROR) scoped.error(message, fields);
      else if (level === logLevel.WARN) scoped.warn(message, fields);
      else if (level === logLevel.INFO) scoped.info(message, fields);
      else scoped.debug(message, fields);
    };
}

export const KAFKAJS_LOG_LEVELS = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
} as const;
