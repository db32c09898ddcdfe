import type { LedgerlineEnv } from '@ledgerline/config';
import { snowflakeConfigFromEnv, type SnowflakeConfig } from '@ledgerline/snowflake';

export interface SmokeSettings {
  /** The sync's and the scratch schemas' connection (its `schema` is replaced by `<prefix>RAW`). */
  readonly connection: SnowflakeConfig;
  /** SNOWFLAKE_* for dbt's snowflake profile target and the Python mart comparison. */
  readonly pythonEnv: (rawSchema: string) => Record<string, string>;
}

/** Thrown for configuration the smoke run cannot start with (exit code 2). */
export class SmokeConfigError extends Error {
  override readonly name = 'SmokeConfigError';
}

/**
 * What snowflake-smoke needs from the environment: the sync's SNOWFLAKE_* settings, plus a role
 * and a warehouse, which dbt's profile requires (dbt/profiles.yml). Refuses at once, naming the
 * variables, rather than failing half-way through a run that has created a schema.
 */
export function smokeSettingsFromEnv(env: LedgerlineEnv): SmokeSettings {
  let connection: SnowflakeConfig;
  try {
    connection = snowflakeConfigFromEnv(env);
  } catch (error) {
    throw new SmokeConfigError(error instanceof Error ? error.message : String(error));
  }
  const missing = (['SNOWFLAKE_ROLE', 'SNOWFLAKE_WAREHOUSE'] as const).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new SmokeConfigError(`snowflake-smoke needs ${missing.join(' and ')} (dbt's snowflake target reads them; docs/snowflake.md)`);
  }
  const endpoint = emulatorEndpoint(env);
  const pythonEnv = (rawSchema: string): Record<string, string> => {
    const out: Record<string, string> = {
      SNOWFLAKE_ACCOUNT: connection.account,
      SNOWFLAKE_USER: connection.username,
      SNOWFLAKE_ROLE: env.SNOWFLAKE_ROLE ?? '',
      SNOWFLAKE_WAREHOUSE: env.SNOWFLAKE_WAREHOUSE ?? '',
      SNOWFLAKE_DATABASE: connection.database,
      SNOWFLAKE_SCHEMA: rawSchema,
      SNOWFLAKE_QUERY_TAG: env.SNOWFLAKE_QUERY_TAG ?? 'ledgerline:snowflake-smoke:dbt',
      ...endpoint,
    };
    if (connection.password !== undefined) out.SNOWFLAKE_PASSWORD = connection.password;
    if (connection.privateKeyPath !== undefined) out.SNOWFLAKE_PRIVATE_KEY_PATH = connection.privateKeyPath;
    if (connection.privateKeyPassphrase !== undefined) out.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE = connection.privateKeyPassphrase;
    return out;
  };
  return { connection, pythonEnv };
}

/**
 * SNOWFLAKE_HOST/PORT/PROTOCOL as set, else taken from SNOWFLAKE_ACCESS_URL (an emulator the Node
 * driver reaches that way), else nothing: a real account is found from SNOWFLAKE_ACCOUNT.
 */
function emulatorEndpoint(env: LedgerlineEnv): Record<string, string> {
  if (env.SNOWFLAKE_HOST) {
    return {
      SNOWFLAKE_HOST: env.SNOWFLAKE_HOST,
      ...(env.SNOWFLAKE_PORT ? { SNOWFLAKE_PORT: String(env.SNOWFLAKE_PORT) } : {}),
      ...(env.SNOWFLAKE_PROTOCOL ? { SNOWFLAKE_PROTOCOL: env.SNOWFLAKE_PROTOCOL } : {}),
    };
  }
  if (!env.SNOWFLAKE_ACCESS_URL) return {};
  const url = new URL(env.SNOWFLAKE_ACCESS_URL);
  const protocol = url.protocol.replace(':', '');
  return { SNOWFLAKE_HOST: url.hostname, SNOWFLAKE_PORT: url.port || (protocol === 'https' ? '443' : '80'), SNOWFLAKE_PROTOCOL: protocol };
}
