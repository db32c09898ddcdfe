import { join, resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbWarehousePath } from '@ledgerline/duckdb';

export interface AnalyticsLocation {
  /** Absolute path of the DuckDB file the analytics commands read and `sync` writes. */
  readonly path: string;
  /** True when it is the warehouse file itself (WAREHOUSE=duckdb): one copy, dbt marts beside RAW. */
  readonly isWarehouse: boolean;
}

/**
 * The design decision of docs/analytics.md: with the DuckDB warehouse, analytics reads the
 * warehouse file (already synced, with the marts); with Snowflake it keeps its own DuckDB copy
 * at ANALYTICS_DUCKDB_PATH (default DATA_DIR/analytics.duckdb). ANALYTICS_DUCKDB_PATH set with
 * the DuckDB warehouse selects a separate copy there too.
 */
export function analyticsLocation(env: Pick<LedgerlineEnv, 'WAREHOUSE' | 'WAREHOUSE_DUCKDB_PATH' | 'ANALYTICS_DUCKDB_PATH' | 'DATA_DIR'>): AnalyticsLocation {
  const warehouse = env.WAREHOUSE === 'duckdb' ? resolve(duckDbWarehousePath(env)) : undefined;
  const path = resolve(env.ANALYTICS_DUCKDB_PATH ?? warehouse ?? join(env.DATA_DIR, 'analytics.duckdb'));
  return { path, isWarehouse: path === warehouse };
}
