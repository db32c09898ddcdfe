export { envSchema, type LedgerlineEnv } from './schema.ts';
export { loadConfig, ConfigError, type LoadConfigOptions } from './load-config.ts';
export { redactUrl } from './redact-url.ts';
export { UsageError, parseArgvOrRefuse } from './usage-error.ts';
export { secretValuesOf } from './secret-values.ts';
