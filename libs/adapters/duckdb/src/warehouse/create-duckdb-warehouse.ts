import { join } from 'node:path';
import type { Logger } from '@ledgerline/logging';
import type { WarehouseHooks } from '@ledgerline/warehouse-sync';
import { DuckDbWarehouse } from './duckdb-warehouse.ts';

export interface DuckDbWarehouseConfig {
  /** WAREHOUSE_DUCKDB_PATH; unset = `<DATA_DIR>/warehouse.duckdb`. */
  readonly WAREHOUSE_DUCKDB_PATH?: string;
  readonly DATA_DIR: string;
}

/** Where the warehouse file lives under this configuration. */
export function duckDbWarehousePath(config: DuckDbWarehouseConfig): string {
  return config.WAREHOUSE_DUCKDB_PATH ?? join(config.DATA_DIR, 'warehouse.duckdb');
}

/** The DuckDB warehouse for this configuration (nothing is opened until first use). */
export function createDuckDbWarehouse(config: DuckDbWarehouseConfig, options: { logger?: Logger; hooks?: WarehouseHooks } = {}): DuckDbWarehouse {
  return new DuckDbWarehouse({ path: duckDbWarehousePath(config), ...options });
}
