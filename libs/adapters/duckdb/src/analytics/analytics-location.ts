import { join, resolve } from 'node:path';
import { duckDbWarehousePath } from '../warehouse/warehouse-path.ts';

export interface AnalyticsLocationConfig {
  readonly WAREHOUSE: 'duckdb' | 'snowflake';
  readonly WAREHOUSE_DUCKDB_PATH?: string | undefined;
  readonly ANALYTICS_DUCKDB_PATH?: string | undefined;
  readonly DATA_DIR: string;
}

export interface AnalyticsLocation {
  /** Absolute path of the DuckDB file analytics reads (and `analytics sync` writes). */
  readonly path: string;
  /** True when it is the warehouse file itself (WAREHOUSE=duckdb): one copy, dbt marts beside RAW. */
  readonly isWarehouse: boolean;
}

/**
 * The design decision of docs/analytics.md: with the DuckDB warehouse, analytics reads the
 * warehouse file (already synced, with the marts); with Snowflake it keeps its own DuckDB copy
 * at ANALYTICS_DUCKDB_PATH (default DATA_DIR/analytics.duckdb). ANALYTICS_DUCKDB_PATH set with
 * the DuckDB warehouse selects a separate copy there too. Every app (CLI, dashboard, agent) uses this.
 */
export function analyticsDuckDbLocation(config: AnalyticsLocationConfig): AnalyticsLocation {
  const warehouse = config.WAREHOUSE === 'duckdb' ? resolve(duckDbWarehousePath(config)) : undefined;
  const path = resolve(config.ANALYTICS_DUCKDB_PATH ?? warehouse ?? join(config.DATA_DIR, 'analytics.duckdb'));
  return { path, isWarehouse: path === warehouse };
}
