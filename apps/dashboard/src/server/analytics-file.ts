import { join, resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbWarehousePath } from '@ledgerline/duckdb';

/**
 * The DuckDB file the dashboard reads, chosen as the analytics CLI chooses it (docs/analytics.md):
 * ANALYTICS_DUCKDB_PATH, else the DuckDB warehouse file itself, else DATA_DIR/analytics.duckdb.
 */
export function analyticsFilePath(env: Pick<LedgerlineEnv, 'WAREHOUSE' | 'WAREHOUSE_DUCKDB_PATH' | 'ANALYTICS_DUCKDB_PATH' | 'DATA_DIR'>): string {
  if (env.ANALYTICS_DUCKDB_PATH) return resolve(env.ANALYTICS_DUCKDB_PATH);
  if (env.WAREHOUSE === 'duckdb') return resolve(duckDbWarehousePath(env));
  return resolve(join(env.DATA_DIR, 'analytics.duckdb'));
}
