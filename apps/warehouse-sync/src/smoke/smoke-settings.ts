import type { LedgerlineEnv } from '@ledgerline/config';
import { snowflakeFromEnv, type SnowflakeAdapter, type SnowflakeConfig } from '@ledgerline/snowflake';

export interface SmokeSettings {
  /** The adapter on the sync's account: scratch schemas and warehouses on `<prefix>RAW`. */
  readonly snowflake: SnowflakeAdapter;
  /** The sync's connection (database, for the messages). */
  readonly connection: SnowflakeConfig;
  /** SNOWFLAKE_* for dbt's snowflake profile target and the Python mart comparison. */
  readonly pythonEnv: (rawSchema: string) => Record<string, string>;
}

/** Thrown for configuration the smoke run cannot start with (exit code 2). */
export class SmokeConfigError extends Error {
  override readonly name = 'SmokeConfigError';
}

/**
 * What snowflake-smoke needs from the environment (the Snowflake adapter reads it): the sync's
 * SNOWFLAKE_* settings, plus a role and a warehouse, which dbt's profile requires
 * (dbt/profiles.yml). Refuses at once, naming the variables, rather than failing half-way through
 * a run that has created a schema.
 */
export function smokeSettingsFromEnv(env: LedgerlineEnv): SmokeSettings {
  let snowflake: SnowflakeAdapter;
  try {
    snowflake = snowflakeFromEnv(env);
  } catch (error) {
    throw new SmokeConfigError(error instanceof Error ? error.message : String(error));
  }
  const missing = snowflake.capabilities.missingForDbt;
  if (missing.length > 0) {
    throw new SmokeConfigError(`snowflake-smoke needs ${missing.join(' and ')} (dbt's snowflake target reads them; docs/snowflake.md)`);
  }
  return { snowflake, connection: snowflake.connection, pythonEnv: (rawSchema) => snowflake.dbtEnv(rawSchema, 'ledgerline:snowflake-smoke:dbt') };
}
