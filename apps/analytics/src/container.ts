import { ANALYTICS_STORE } from '@ledgerline/analytics';
import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot, token } from '@ledgerline/di';
import { duckDbFromEnv, type AnalyticsLocation, type DuckDbAdapter, type DuckDbFingerprintSource } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import type { PostgresAdapter, PostgresAnalyticsSource } from '@ledgerline/postgres';
// The light entry: the adapter itself (pg, typeorm) loads on first use only, see postgres-access.ts.
import { postgresOptionsFromEnv } from '@ledgerline/postgres/configuration';

export const LOGGER = token<Logger>('Logger');
export const ENV = token<LedgerlineEnv>('Env');
export const ANALYTICS_LOCATION = token<AnalyticsLocation>('AnalyticsLocation');
/** The DuckDB adapter (duckDbFromEnv): `sync` opens its Warehouse on the analytics file from it. */
export const DUCKDB = token<DuckDbAdapter>('DuckDb');

/** The operational store's ports, opened on first call (read commands never need them). */
export type OperationalStoreOpener = () => Promise<PostgresAdapter>;
export const OPERATIONAL_STORE = token<OperationalStoreOpener>('OperationalStore');
export const POSTGRES_ANALYTICS = token<() => Promise<PostgresAnalyticsSource>>('PostgresAnalyticsSource');
export const DUCKDB_FINGERPRINTS = token<DuckDbFingerprintSource>('DuckDbFingerprintSource');

/**
 * The composition root of the analytics CLI: the AnalyticsStore on the analytics DuckDB file
 * (read-only), the operational Postgres opened lazily (so `stats` and `query` work while it is
 * down), and validate's fingerprint sources. `sync` builds its Warehouse and ChangeFeed from
 * these in commands/sync-command.ts, because it must inspect the file before opening it.
 */
export function buildContainer(env: LedgerlineEnv, logger: Logger): CompositionRoot {
  const duckdb = duckDbFromEnv(env);
  const location: AnalyticsLocation = { path: duckdb.paths.analytics, isWarehouse: duckdb.analyticsIsWarehouse };
  const root = new CompositionRoot().value(LOGGER, logger).value(ENV, env).value(ANALYTICS_LOCATION, location, location.path).value(DUCKDB, duckdb, duckdb.description);

  let opening: Promise<PostgresAdapter> | undefined;
  // Loaded on first use (see postgres-access.ts).
  const openStore: OperationalStoreOpener = () => {
    opening ??= import('./postgres-access.ts').then(({ openOperational }) => openOperational(env, logger));
    return opening;
  };
  const postgres = postgresOptionsFromEnv(env);
  root.value(OPERATIONAL_STORE, openStore, postgres.url ? 'PostgreSQL (DATABASE_URL), opened on demand' : `PGlite in ${postgres.pgliteDir}, opened on demand`);
  root.onDispose('operational store', async () => {
    if (opening) await (await opening.catch(() => undefined))?.close();
  });
  root.value(POSTGRES_ANALYTICS, async () => (await openStore()).analyticsSource);

  root.bind(ANALYTICS_STORE, () => {
    const store = duckdb.analyticsStore({ logger: logger.child('duckdb') });
    root.onDispose('analytics store', () => store.close());
    return store;
  }, `DuckDB ${location.path} (read-only)`);
  root.bind(DUCKDB_FINGERPRINTS, () => {
    const source = duckdb.fingerprintSource();
    root.onDispose('duckdb fingerprints', () => source.close());
    return source;
  });
  return root;
}
