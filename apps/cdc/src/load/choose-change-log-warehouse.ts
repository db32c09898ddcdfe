import type { LedgerlineEnv } from '@ledgerline/config';
import type { ChangeLogWarehouse } from '@ledgerline/cdc';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { snowflakeFromEnv } from '@ledgerline/snowflake';

export interface ChangeLogWarehouseChoice {
  readonly warehouse: ChangeLogWarehouse;
  /** For the start-up banner; never a secret. */
  readonly description: string;
}

/**
 * The loader's warehouse by WAREHOUSE, each from its adapter's factory (which reads its own
 * variables): the DuckDB warehouse file (raw.cdc_*, raw._cdc_manifest), or Snowflake from
 * SNOWFLAKE_* (RAW.CDC_*, RAW._CDC_MANIFEST; throws naming what is missing; snowflake-sdk loads
 * on the first load).
 */
export function chooseChangeLogWarehouse(env: LedgerlineEnv, hooks: { beforeCommit?: (key: string) => Promise<void> }): ChangeLogWarehouseChoice {
  switch (env.WAREHOUSE) {
    case 'duckdb': {
      const duckdb = duckDbFromEnv(env);
      return { warehouse: duckdb.changeLogWarehouse(hooks), description: `${duckdb.description} (raw.cdc_*, raw._cdc_manifest)` };
    }
    case 'snowflake': {
      const snowflake = snowflakeFromEnv(env);
      return { warehouse: snowflake.changeLogWarehouse(hooks), description: `${snowflake.description} (RAW.CDC_*, RAW._CDC_MANIFEST via PUT + COPY INTO)` };
    }
  }
}
