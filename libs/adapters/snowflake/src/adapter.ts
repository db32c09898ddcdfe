import type { LedgerlineEnv } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import type { WarehouseHooks } from '@ledgerline/warehouse-sync';
import { snowflakeConfigFromEnv, type SnowflakeConfig, type SnowflakeConnectionEnv } from './configuration.ts';
import { createSnowflakeChangeLogWarehouse } from './change-log/factory.ts';
import type { SnowflakeChangeLogWarehouse } from './change-log/snowflake-change-log-warehouse.ts';
import { openSnowflakeScratchSchemas, type SnowflakeScratchSchemas } from './scratch/scratch-schemas.ts';
import { createSnowflakeWarehouse, describeSnowflakeTarget } from './warehouse/factory.ts';
import type { SnowflakeWarehouse } from './warehouse/snowflake-warehouse.ts';

/** The environment variables the Snowflake adapter reads (names and meaning in .env.example). */
export type SnowflakeEnv = SnowflakeConnectionEnv &
  Pick<LedgerlineEnv, 'SNOWFLAKE_QUERY_TAG' | 'SNOWFLAKE_HOST' | 'SNOWFLAKE_PORT' | 'SNOWFLAKE_PROTOCOL'>;

/** What callers may branch on, declared once (architecture §2). */
export interface SnowflakeCapabilities {
  /** Reached through SNOWFLAKE_ACCESS_URL (the local emulator), not an account's own URL. */
  readonly emulator: boolean;
  /** Key-pair (JWT) authentication rather than a password. */
  readonly keyPair: boolean;
  /** The variables dbt's snowflake target needs that are unset (SNOWFLAKE_ROLE, SNOWFLAKE_WAREHOUSE): empty when dbt can run. */
  readonly missingForDbt: readonly string[];
}

/**
 * Everything the Snowflake technology offers an app, from one configuration: fresh warehouses
 * (the sync's Warehouse port), the CDC loader's change-log warehouse, throwaway scratch schemas (the smoke run), and the SNOWFLAKE_*
 * environment dbt's snowflake target and the Python connector read. snowflake-sdk loads on the
 * first connect only.
 */
export interface SnowflakeAdapter {
  /** The validated connection settings (the secret fields stay inside the adapter's calls). */
  readonly connection: SnowflakeConfig;
  /** A new Warehouse (connects on first use); `schema` overrides SNOWFLAKE_SCHEMA (a scratch RAW). */
  warehouse(extras?: { logger?: Logger; hooks?: WarehouseHooks; schema?: string }): SnowflakeWarehouse;
  /**
   * A new ChangeLogWarehouse for the CDC landing loader (`cdc load`): RAW.CDC_<SCHEMA>_<TABLE> and
   * RAW._CDC_MANIFEST in SNOWFLAKE_DATABASE.SNOWFLAKE_SCHEMA (connects on first use).
   */
  changeLogWarehouse(extras?: { beforeCommit?: (key: string) => Promise<void> }): SnowflakeChangeLogWarehouse;
  /** Opens `<prefix>*` scratch schemas in SNOWFLAKE_DATABASE, dropped again by the handle. */
  scratchSchemas(prefix: string): Promise<SnowflakeScratchSchemas>;
  /**
   * SNOWFLAKE_* for a dbt run (dbt/profiles.yml) or the Python connector on `rawSchema`: the same
   * account, credentials, role, warehouse and database, the emulator's host/port/protocol when it
   * is one, and SNOWFLAKE_QUERY_TAG (default `defaultQueryTag`).
   */
  dbtEnv(rawSchema: string, defaultQueryTag: string): Record<string, string>;
  readonly capabilities: SnowflakeCapabilities;
  /** `Snowflake account acme as LOADER (LEDGERLINE.RAW)`: for banners. Never a secret. */
  readonly description: string;
}

/**
 * The adapter from the SNOWFLAKE_* variables. Throws at once, naming the variables (never their
 * values), when the connection settings are incomplete.
 */
export function snowflakeFromEnv(env: SnowflakeEnv): SnowflakeAdapter {
  const connection = snowflakeConfigFromEnv(env);
  const missingForDbt = (['SNOWFLAKE_ROLE', 'SNOWFLAKE_WAREHOUSE'] as const).filter((name) => !env[name]);
  const endpoint = dbtEndpoint(env);
  return {
    connection,
    warehouse: ({ schema, ...extras } = {}) => createSnowflakeWarehouse({ connection: schema ? { ...connection, schema } : connection, ...extras }),
    changeLogWarehouse: (extras = {}) => createSnowflakeChangeLogWarehouse({ connection, ...extras }),
    scratchSchemas: (prefix) => openSnowflakeScratchSchemas(connection, prefix),
    dbtEnv: (rawSchema, defaultQueryTag) => ({
      SNOWFLAKE_ACCOUNT: connection.account,
      SNOWFLAKE_USER: connection.username,
      SNOWFLAKE_ROLE: env.SNOWFLAKE_ROLE ?? '',
      SNOWFLAKE_WAREHOUSE: env.SNOWFLAKE_WAREHOUSE ?? '',
      SNOWFLAKE_DATABASE: connection.database,
      SNOWFLAKE_SCHEMA: rawSchema,
      SNOWFLAKE_QUERY_TAG: env.SNOWFLAKE_QUERY_TAG ?? defaultQueryTag,
      ...endpoint,
      ...(connection.password !== undefined ? { SNOWFLAKE_PASSWORD: connection.password } : {}),
      ...(connection.privateKeyPath !== undefined ? { SNOWFLAKE_PRIVATE_KEY_PATH: connection.privateKeyPath } : {}),
      ...(connection.privateKeyPassphrase !== undefined ? { SNOWFLAKE_PRIVATE_KEY_PASSPHRASE: connection.privateKeyPassphrase } : {}),
    }),
    capabilities: { emulator: connection.accessUrl !== undefined, keyPair: connection.privateKeyPath !== undefined, missingForDbt },
    description: describeSnowflakeTarget(connection),
  };
}

/**
 * SNOWFLAKE_HOST/PORT/PROTOCOL as set, else taken from SNOWFLAKE_ACCESS_URL (an emulator the Node
 * driver reaches that way), else nothing: a real account is found from SNOWFLAKE_ACCOUNT.
 */
function dbtEndpoint(env: SnowflakeEnv): Record<string, string> {
  if (env.SNOWFLAKE_HOST) {
    return {
      SNOWFLAKE_HOST: env.SNOWFLAKE_HOST,
      ...(env.SNOWFLAKE_PORT ? { SNOWFLAKE_PORT: String(env.SNOWFLAKE_PORT) } : {}),
      ...(env.SNOWFLAKE_PROTOCOL ? { SNOWFLAKE_PROTOCOL: env.SNOWFLAKE_PROTOCOL } : {}),
    };
  }
  if (!env.SNOWFLAKE_ACCESS_URL) return {};
  const url = new URL(env.SNOWFLAKE_ACCESS_URL);
  const protocol = url.protocol.replace(':', '');
  return { SNOWFLAKE_HOST: url.hostname, SNOWFLAKE_PORT: url.port || (protocol === 'https' ? '443' : '80'), SNOWFLAKE_PROTOCOL: protocol };
}
