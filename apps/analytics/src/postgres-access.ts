import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import { createPostgresStore, PostgresAnalyticsSource, type PostgresTransactionStore } from '@ledgerline/postgres';

// The operational store for the CLI. container.ts imports this module on first use only: typeorm
// and pg cost about a second of startup that `query` and `stats --offline` never need.

/** Postgres when DATABASE_URL is set, else PGlite in DATA_DIR/pglite; not migrated (not this app's job). */
export function openOperationalStore(env: LedgerlineEnv, logger: Logger): Promise<PostgresTransactionStore> {
  return createPostgresStore({
    url: env.DATABASE_URL,
    pgliteDir: resolve(env.DATA_DIR, 'pglite'),
    ...(env.DATABASE_URL ? { poolSize: 2 } : {}),
    logger: logger.child('postgres'),
  });
}

export function analyticsSourceOf(store: PostgresTransactionStore): PostgresAnalyticsSource {
  return new PostgresAnalyticsSource(store.sql);
}
