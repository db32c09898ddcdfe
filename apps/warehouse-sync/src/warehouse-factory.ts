import { token } from '@ledgerline/di';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import { snowflakeFromEnv } from '@ledgerline/snowflake';
import type { Warehouse, WarehouseHooks } from '@ledgerline/warehouse-sync';

/**
 * A fresh Warehouse per sync cycle: the cycle closes it, so the DuckDB file is free between
 * syncs (dbt and the analytics CLI open it too).
 */
export type WarehouseFactory = () => Warehouse;
export const WAREHOUSE_FACTORY = token<WarehouseFactory>('WarehouseFactory');

export interface WarehouseChoice {
  readonly factory: WarehouseFactory;
  /** For the startup banner and logs; never contains secrets. */
  readonly description: string;
}

/**
 * Picks the warehouse adapter by WAREHOUSE: DuckDB (embedded default) or Snowflake
 * (@ledgerline/snowflake). Everything downstream only knows the Warehouse port.
 */
export function chooseWarehouse(env: LedgerlineEnv, logger: Logger, hooks?: WarehouseHooks): WarehouseChoice {
  switch (env.WAREHOUSE) {
    case 'duckdb': {
      const duckdb = duckDbFromEnv(env);
      return { factory: () => duckdb.warehouse({ logger, hooks }), description: duckdb.description };
    }
    case 'snowflake': {
      // SNOWFLAKE_* from the environment (SNOWFLAKE_ACCESS_URL for the local emulator); throws
      // naming the missing variables. snowflake-sdk is imported on the first connect only.
      const snowflake = snowflakeFromEnv(env);
      return { factory: () => snowflake.warehouse({ logger, hooks }), description: snowflake.description };
    }
  }
}
