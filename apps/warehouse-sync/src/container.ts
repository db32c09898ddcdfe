import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot, token } from '@ledgerline/di';
import { dbtFromEnv } from '@ledgerline/dbt';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import { postgresFromEnv } from '@ledgerline/postgres';
import { CHANGE_FEED, DBT_RUNNER, DERIVED_TABLES, type WarehouseHooks } from '@ledgerline/warehouse-sync';
import { chooseWarehouse, WAREHOUSE_FACTORY } from './warehouse-factory.ts';

export const LOGGER = token<Logger>('Logger');

export interface ContainerOptions {
  /** Repository root: where tools/dbt/dbt.sh is, and what DBT_PROJECT_DIR is relative to. */
  readonly repoRoot: string;
  /** Test seam: fault injection inside each warehouse batch. */
  readonly warehouseHooks?: WarehouseHooks;
}

/**
 * The composition root of warehouse-sync: the ChangeFeed on the operational store (Postgres, or
 * PGlite under DATA_DIR when DATABASE_URL is unset), the warehouse chosen by WAREHOUSE, and dbt
 * as a child process when DBT_ENABLED. The store is opened (and migrated, idempotently) here
 * because its client is async; everything else is bound as factories.
 */
export async function buildContainer(env: LedgerlineEnv, logger: Logger, options: ContainerOptions): Promise<CompositionRoot> {
  const root = new CompositionRoot().value(LOGGER, logger);
  const postgres = await postgresFromEnv(env, { logger });
  root.onDispose('operational store', () => postgres.close());
  await postgres.store.migrate();
  root.value(CHANGE_FEED, postgres.changeFeed, `change feed on ${postgres.description}`);

  const warehouse = chooseWarehouse(env, logger.child('warehouse'), options.warehouseHooks);
  root.value(WAREHOUSE_FACTORY, warehouse.factory, warehouse.description);
  const duckdb = duckDbFromEnv(env);
  if (env.WAREHOUSE === 'duckdb') {
    root.value(DERIVED_TABLES, duckdb.derivedTables(), 'DuckDB analytics serving layer (rollups of RAW)');
  }

  // A stand-alone service: with DBT_ENABLED and no dbt installed, its runs fail loudly instead of skipping.
  const dbt = dbtFromEnv(env, { repoRoot: options.repoRoot });
  if (dbt.enabled) {
    root.bind(DBT_RUNNER, () => dbt.runner({ warehouseDuckdbPath: duckdb.paths.warehouse, logger: logger.child('dbt') }), dbt.description);
  }
  return root;
}
