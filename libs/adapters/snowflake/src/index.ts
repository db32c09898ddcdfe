export {
  createSnowflakeConnection,
  type SnowflakeConnection,
  type SnowflakeExecuteOptions,
  type SnowflakeResult,
  type SnowflakeRow,
} from './client/create-snowflake-connection.ts';
export { snowflakeConfigSchema, snowflakeConfigFromEnv, type SnowflakeConfig, type SnowflakeConfigInput } from './configuration.ts';
export { snowflakeErrorDetails, type SnowflakeErrorDetails } from './errors.ts';
