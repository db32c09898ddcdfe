import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';

/** Session files (conversation memory) and chat history. The DuckDB files are the adapter's (duckDbFromEnv). */
export function sessionsDir(env: Pick<LedgerlineEnv, 'DATA_DIR'>): string {
  return resolve(env.DATA_DIR, 'agent', 'sessions');
}

export { collectionName } from '@ledgerline/agent';
