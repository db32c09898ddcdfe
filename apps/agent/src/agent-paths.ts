import { join, resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbWarehousePath } from '@ledgerline/duckdb';

type PathEnv = Pick<LedgerlineEnv, 'WAREHOUSE' | 'WAREHOUSE_DUCKDB_PATH' | 'ANALYTICS_DUCKDB_PATH' | 'DATA_DIR'>;

/**
 * The analytics DuckDB file the agent reads, by the rule of docs/analytics.md (the analytics
 * CLI uses the same): ANALYTICS_DUCKDB_PATH, else the DuckDB warehouse file, else
 * DATA_DIR/analytics.duckdb (the copy kept beside Snowflake).
 */
export function analyticsPath(env: PathEnv): string {
  const warehouse = env.WAREHOUSE === 'duckdb' ? duckDbWarehousePath(env) : undefined;
  return resolve(env.ANALYTICS_DUCKDB_PATH ?? warehouse ?? join(env.DATA_DIR, 'analytics.duckdb'));
}

/** The embedded vector index: its own file (the analytics file is read-only and rewritten by sync/dbt). */
export function vectorsPath(env: Pick<LedgerlineEnv, 'DATA_DIR'>): string {
  return resolve(env.DATA_DIR, 'vectors.duckdb');
}

/** Session files (conversation memory) and chat history. */
export function sessionsDir(env: Pick<LedgerlineEnv, 'DATA_DIR'>): string {
  return resolve(env.DATA_DIR, 'agent', 'sessions');
}

export { collectionName } from '@ledgerline/agent';
