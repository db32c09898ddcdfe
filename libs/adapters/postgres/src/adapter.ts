import { redactUrl } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import { PostgresAnalyticsSource } from './analytics-source/postgres-analytics-source.ts';
import { PostgresChangeFeed } from './change-feed/postgres-change-feed.ts';
import { PostgresEventLogStore } from './event-log/postgres-event-log-store.ts';
import { PostgresProducerCheckpoints } from './event-log/postgres-producer-checkpoints.ts';
import type { StoreBackend } from './client/sql-client.ts';
import type { PooledDatabase } from './client/pooled-database.ts';
import { postgresOptionsFromEnv, type PostgresEnv, type PostgresStoreOptions } from './configuration.ts';
import { createPostgresStore } from './factory.ts';
import { PostgresRunHistory } from './run-history/postgres-run-history.ts';
import type { PostgresTransactionStore } from './store/postgres-transaction-store.ts';

/**
 * What the engine under the adapter can and cannot do, declared once so that callers branch on a
 * capability rather than on which backend it is.
 */
export interface PostgresCapabilities {
  readonly backend: StoreBackend;
  /**
   * PGlite serves exactly one connection: an open transaction blocks every other caller of the
   * process (a long read must not hold a transaction while a writer waits), and a second process
   * cannot open the same directory.
   */
  readonly singleConnection: boolean;
  /** The embedded default (no infrastructure): what the pipeline's start-up banner marks. */
  readonly embedded: boolean;
}

/**
 * Every port the PostgreSQL technology implements, over the same connections. Apps bind these and
 * never see `sql` or a driver: the store, the warehouse sync's change feed, the pipeline's run
 * history and the analytics reconciliation source.
 */
export interface PostgresAdapter {
  readonly store: PostgresTransactionStore;
  readonly changeFeed: PostgresChangeFeed;
  readonly runHistory: PostgresRunHistory;
  readonly analyticsSource: PostgresAnalyticsSource;
  /** The embedded event bus's durable log, beside the sink's stored offsets. */
  readonly eventLog: PostgresEventLogStore;
  /** Where a resumable producer keeps its stream plan and position. */
  readonly producerCheckpoints: PostgresProducerCheckpoints;
  /**
   * Where the flows' job library (pg-boss) keeps its tables: PostgreSQL by its URL (its own
   * pool), or — embedded — a handle on the store's one PGlite connection (`PooledDatabase`:
   * each statement waits for the store's transactions instead of landing inside one).
   */
  readonly jobDatabase: { connectionString: string } | { database: PooledDatabase };
  readonly capabilities: PostgresCapabilities;
  /** The adapter's own label, e.g. `PostgreSQL (postgres://app@db/ledger)` (password redacted). */
  readonly description: string;
  /** Closes the connections (and the embedded server); idempotent. */
  close(): Promise<void>;
}

/** Opens the adapter: connects (PGlite loaded lazily, cleaned up if start-up fails) but does not migrate. */
export async function openPostgres(options: PostgresStoreOptions = {}): Promise<PostgresAdapter> {
  const store = await createPostgresStore(options);
  const singleConnection = store.backend === 'pglite';
  return {
    store,
    changeFeed: new PostgresChangeFeed(store.sql),
    runHistory: new PostgresRunHistory(store.sql),
    analyticsSource: new PostgresAnalyticsSource(store.sql),
    eventLog: new PostgresEventLogStore(store.sql),
    producerCheckpoints: new PostgresProducerCheckpoints(store.sql),
    jobDatabase: options.url ? { connectionString: options.url } : { database: store.pooledDatabase() },
    capabilities: { backend: store.backend, singleConnection, embedded: singleConnection },
    description: options.url ? `PostgreSQL (${redactUrl(options.url)})` : `PGlite (${options.pgliteDir ?? 'data/pglite'}, one connection)`,
    close: () => store.close(),
  };
}

/** `openPostgres` with the options every app derives the same way from its environment (postgresOptionsFromEnv). */
export function postgresFromEnv(env: PostgresEnv, options: { logger?: Logger; poolSize?: number } = {}): Promise<PostgresAdapter> {
  const overrides = options.poolSize !== undefined ? { poolSize: options.poolSize } : {};
  return openPostgres({ ...postgresOptionsFromEnv(env, overrides), ...(options.logger ? { logger: options.logger } : {}) });
}
