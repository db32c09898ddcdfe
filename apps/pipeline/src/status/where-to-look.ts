import { join, resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbWarehousePath } from '@ledgerline/duckdb';

type WhereEnv = Pick<LedgerlineEnv, 'DATA_DIR' | 'DATABASE_URL' | 'WAREHOUSE' | 'WAREHOUSE_DUCKDB_PATH' | 'DASHBOARD_PORT'>;

/**
 * The banner's "where to look" lines: the files this run keeps its data in (only the embedded
 * ones: real services are named by the adapter lines above), how to open the dashboard and how
 * to ask the agent about what the job produced.
 */
export function whereToLook(env: WhereEnv): string[] {
  const data = resolve(env.DATA_DIR);
  const files = [
    ...(env.DATABASE_URL ? [] : [`operational store ${join(data, 'pglite')}`]),
    ...(env.WAREHOUSE === 'duckdb' ? [`warehouse ${resolve(duckDbWarehousePath(env))}`] : []),
    `statements ${join(data, 'incoming')} (-> processed/, quarantine/)`,
  ];
  return [
    `  ${'data files'.padEnd(18)} ${files.join('; ')}`,
    `  ${'dashboard'.padEnd(18)} npm run dashboard (another terminal), then http://127.0.0.1:${env.DASHBOARD_PORT}`,
    `  ${'ask the agent'.padEnd(18)} npm run ask -- "How much was spent on groceries last month?"`,
  ];
}
