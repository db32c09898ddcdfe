import { ConfigError } from './load-config.ts';
import type { LedgerlineEnv } from './schema.ts';

/**
 * For the standalone stream apps: the in-process bus only exists inside the all-in-one pipeline,
 * so a separate producer or sink without KAFKA_BROKERS is a configuration error, said plainly.
 */
export function requireKafkaBrokers(env: LedgerlineEnv, app: string): LedgerlineEnv & { KAFKA_BROKERS: string } {
  const brokers = env.KAFKA_BROKERS;
  if (!brokers) {
    throw new ConfigError([
      {
        variable: 'KAFKA_BROKERS',
        message:
          'is not set. The in-process event bus only works inside the all-in-one pipeline ' +
          `(nx run pipeline:serve); a separate ${app} needs Kafka: set KAFKA_BROKERS=host:port.`,
      },
    ]);
  }
  return { ...env, KAFKA_BROKERS: brokers };
}
