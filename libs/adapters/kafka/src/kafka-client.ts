import { Kafka } from './kafkajs-runtime.ts';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { KAFKAJS_LOG_LEVELS, kafkaLogCreator } from './kafka-log-bridge.ts';

export interface KafkaClientOptions {
  brokers: string[];
  clientId?: string;
  logger?: Logger;
  /** kafkajs' own verbosity. Default `warn`: its info lines are per-connection chatter. */
  kafkaLogLevel?: keyof typeof KAFKAJS_LOG_LEVELS;
}

export function createKafkaClient(options: KafkaClientOptions): Kafka {
  if (options.brokers.length === 0) throw new Error('at least one Kafka broker is required');
  return new Kafka({
    clientId: options.clientId ?? 'ledgerline',
    brokers: options.brokers,
    logLevel: KAFKAJS_LOG_LEVELS[options.kafkaLogLevel ?? 'warn'],
    logCreator: kafkaLogCreator(options.logger ?? silentLogger),
    // A restarting broker takes seconds; retry long enough to ride it out instead of crashing.
    retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 8 },
  });
}
