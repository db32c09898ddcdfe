export { envSchema, type LedgerlineEnv } from './schema.ts';
export { loadConfig, ConfigError, type LoadConfigOptions } from './load-config.ts';
export { redactUrl } from './redact-url.ts';
export { requireKafkaBrokers } from './require-kafka.ts';
export { UsageError, parseArgvOrRefuse } from './usage-error.ts';
