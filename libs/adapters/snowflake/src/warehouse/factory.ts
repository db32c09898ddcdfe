import type { Logger } from '@ledgerline/logging';
import type { WarehouseHooks } from '@ledgerline/warehouse-sync';
import { createSnowflakeConnection } from '../client/create-snowflake-connection.ts';
import { snowflakeConfigSchema, type SnowflakeConfig, type SnowflakeConfigInput } from '../configuration.ts';
import { snowflakeWarehouseSettingsSchema, type SnowflakeWarehouseSettingsInput } from './configuration.ts';
import { SnowflakeWarehouse } from './snowflake-warehouse.ts';

export interface SnowflakeWarehouseOptions {
  /** Account, user, password or key, database and schema (the RAW target), access URL. */
  readonly connection: SnowflakeConfigInput;
  /** Loading behaviour; database and schema come from `connection`. */
  readonly settings?: Omit<SnowflakeWarehouseSettingsInput, 'database' | 'schema'>;
  readonly hooks?: WarehouseHooks;
  readonly logger?: Logger;
}

/** The login QUERY_TAG until the first table's own tag is set. */
const SESSION_QUERY_TAG = 'ledgerline:warehouse-sync';

/**
 * A Snowflake warehouse for this configuration. Validates everything now (so a bad setting fails
 * at startup) but connects, and imports snowflake-sdk, only on first use.
 */
export function createSnowflakeWarehouse(options: SnowflakeWarehouseOptions): SnowflakeWarehouse {
  const connection = snowflakeConfigSchema.parse({ queryTag: SESSION_QUERY_TAG, ...options.connection });
  const settings = snowflakeWarehouseSettingsSchema.parse({ ...options.settings, database: connection.database, schema: connection.schema });
  return new SnowflakeWarehouse(settings, {
    connect: () => createSnowflakeConnection(connection),
    target: describeSnowflakeTarget(connection),
    hooks: options.hooks,
    logger: options.logger,
  });
}

/** `Snowflake account acme as LOADER (LEDGERLINE.RAW)`: for banners, logs and errors. Never a secret. */
export function describeSnowflakeTarget(config: SnowflakeConfig): string {
  const via = config.accessUrl ? `, via ${config.accessUrl}` : '';
  return `Snowflake account ${config.account} as ${config.username} (${config.database}.${config.schema}${via})`;
}
