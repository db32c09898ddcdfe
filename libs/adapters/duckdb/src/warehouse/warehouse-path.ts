import { join } from 'node:path';

export interface DuckDbWarehouseConfig {
  /** WAREHOUSE_DUCKDB_PATH; unset = `<DATA_DIR>/warehouse.duckdb`. */
  readonly WAREHOUSE_DUCKDB_PATH?: string | undefined;
  readonly DATA_DIR: string;
}

/** Where the warehouse file lives under this configuration (read by duckDbOptionsFromEnv only). */
export function duckDbWarehousePath(config: DuckDbWarehouseConfig): string {
  return config.WAREHOUSE_DUCKDB_PATH ?? join(config.DATA_DIR, 'warehouse.duckdb');
}
