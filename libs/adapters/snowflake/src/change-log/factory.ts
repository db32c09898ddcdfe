import { createSnowflakeConnection } from '../client/create-snowflake-connection.ts';
import { snowflakeConfigSchema, type SnowflakeConfigInput } from '../configuration.ts';
import { describeSnowflakeTarget } from '../warehouse/factory.ts';
import { SnowflakeChangeLogWarehouse } from './snowflake-change-log-warehouse.ts';

/** The login QUERY_TAG: query history shows which statements the CDC loader sent. */
const SESSION_QUERY_TAG = 'ledgerline:cdc-load';

export interface SnowflakeChangeLogWarehouseOptions {
  /** Account, user, password or key, database and schema (where RAW.CDC_* and the manifest live), access URL. */
  readonly connection: SnowflakeConfigInput;
  /** Fault tests: runs inside each load transaction just before COMMIT. */
  readonly beforeCommit?: (key: string) => Promise<void>;
}

/** Validates now; connects (and imports snowflake-sdk) on first use. */
export function createSnowflakeChangeLogWarehouse(options: SnowflakeChangeLogWarehouseOptions): SnowflakeChangeLogWarehouse {
  const connection = snowflakeConfigSchema.parse({ queryTag: SESSION_QUERY_TAG, ...options.connection });
  return new SnowflakeChangeLogWarehouse(
    { database: connection.database, schema: connection.schema },
    { connect: () => createSnowflakeConnection(connection), target: describeSnowflakeTarget(connection), beforeCommit: options.beforeCommit },
  );
}
