import { token } from '@ledgerline/di';
import type { LedgerlineEnv } from '@ledgerline/config';
import { createDuckDbWarehouse, duckDbWarehousePath } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
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
 * Picks the warehouse adapter by WAREHOUSE. The seam for Snowflake: its adapter (another
 * library, @ledgerline/snowflake) adds a case here returning its own factory; nothing else in
 * the app changes, because everything downstream only knows the Warehouse port.
 */
export function chooseWarehouse(env: LedgerlineEnv, logger: Logger, hooks?: WarehouseHooks): WarehouseChoice {
  switch (env.WAREHOUSE) {
    case 'duckdb': {
      const path = duckDbWarehousePath(env);
      return { factory: () => createDuckDbWarehouse(env, { logger, hooks }), description: `DuckDB (${path})` };
    }
    case 'snowflake':
      throw new Error(
        'WAREHOUSE=snowflake is not wired into warehouse-sync yet: the Snowflake Warehouse adapter ' +
          '(@ledgerline/snowflake) must be added to apps/warehouse-sync/src/warehouse-factory.ts. Use WAREHOUSE=duckdb meanwhile.',
      );
  }
}
