// The factory every app builds Snowflake through (architecture §2).
export { snowflakeFromEnv, type SnowflakeAdapter, type SnowflakeCapabilities, type SnowflakeEnv } from './adapter.ts';
export {
  createSnowflakeConnection,
  type SnowflakeConnection,
  type SnowflakeExecuteOptions,
  type SnowflakeResult,
  type SnowflakeRow,
} from './client/create-snowflake-connection.ts';
export { snowflakeConfigSchema, snowflakeConfigFromEnv, type SnowflakeConfig, type SnowflakeConfigInput } from './configuration.ts';
export { snowflakeErrorDetails, type SnowflakeErrorDetails } from './errors.ts';
// The Warehouse adapter. Nothing here imports snowflake-sdk: the driver loads on the first connect.
export {
  createSnowflakeWarehouse,
  describeSnowflakeTarget,
  type SnowflakeWarehouseOptions,
} from './warehouse/factory.ts';
export { SnowflakeWarehouse } from './warehouse/snowflake-warehouse.ts';
export {
  snowflakeWarehouseSettingsSchema,
  type SnowflakeWarehouseSettings,
  type SnowflakeWarehouseSettingsInput,
} from './warehouse/configuration.ts';
export { TRANSIENT_SNOWFLAKE_CODES, RECONNECT_CODES, SnowflakeLoginError } from './warehouse/errors.ts';
export { readSnowflakeRawRows, type SnowflakeRawRow } from './warehouse/read-raw-rows.ts';
// Every statement the warehouse can send, for the Snowflake dialect check (tools/snowflake-dialect).
export { renderAllStatements, type RenderedStatement } from './warehouse/sql/all-statements.ts';
// Throwaway schemas for `warehouse-sync:serve -- snowflake-smoke` on a real account.
export { openSnowflakeScratchSchemas, scratchSchemaPrefix, type SnowflakeScratchSchemas } from './scratch/scratch-schemas.ts';
// The CDC landing loader's ChangeLogWarehouse (PUT + COPY INTO of each landed Parquet file).
export { SnowflakeChangeLogWarehouse } from './change-log/snowflake-change-log-warehouse.ts';
export { createSnowflakeChangeLogWarehouse, type SnowflakeChangeLogWarehouseOptions } from './change-log/factory.ts';
