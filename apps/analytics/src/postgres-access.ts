import type { LedgerlineEnv } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import { postgresFromEnv, type PostgresAdapter } from '@ledgerline/postgres';

// The operational store for the CLI. container.ts imports this module on first use only: typeorm
// and pg cost about a second of startup that `query` and `stats --offline` never need.

/** Every Postgres port the CLI uses, opened from the environment; not migrated (not this app's job). Two connections do. */
export function openOperational(env: LedgerlineEnv, logger: Logger): Promise<PostgresAdapter> {
  return postgresFromEnv(env, { logger: logger.child('postgres'), poolSize: 2 });
}
