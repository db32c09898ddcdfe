import { join, resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbOptionsFromEnv, type DuckDbEnv } from '@ledgerline/duckdb';
import { postgresOptionsFromEnv, type PostgresEnv } from '@ledgerline/postgres';

type WhereEnv = Pick<LedgerlineEnv, 'DATA_DIR'> & PostgresEnv & DuckDbEnv;

const label = (name: string) => `  ${name.padEnd(18)} `;

/**
 * The banner's "where to look" lines: the files this run keeps its data in (only the embedded
 * ones: real services are named by the adapter lines above) and how to ask the agent about what
 * the job produced. The dashboard's line comes once it listens (dashboardLine). The files are the
 * adapters' own (their options from the environment), not a restatement of their rules.
 */
export function whereToLook(env: WhereEnv): string[] {
  const data = resolve(env.DATA_DIR);
  const postgres = postgresOptionsFromEnv(env);
  const files = [
    ...(postgres.url ? [] : [`operational store ${postgres.pgliteDir}`]),
    ...(env.WAREHOUSE === 'duckdb' ? [`warehouse ${duckDbOptionsFromEnv(env).warehousePath}`] : []),
    `statements ${join(data, 'incoming')} (-> processed/, quarantine/)`,
  ];
  return [`${label('data files')}${files.join('; ')}`, `${label('ask the agent')}npm run ask -- "How much was spent on groceries last month?"`];
}

/** The banner's dashboard line: the URL this process serves it on, or why it does not. */
export function dashboardLine(dashboard: { url: string; syncIntervalSeconds: number } | { off: string }): string {
  if ('off' in dashboard) return `${label('dashboard')}not served here (${dashboard.off}); \`npm run dashboard\` serves it on its own`;
  return `${label('dashboard')}${dashboard.url}  (open it in a browser; charts fill after the first sync, within ~${dashboard.syncIntervalSeconds}s)`;
}
