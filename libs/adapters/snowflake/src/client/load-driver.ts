import type SnowflakeSdk from 'snowflake-sdk';

export type SnowflakeDriver = typeof SnowflakeSdk;

let driver: Promise<SnowflakeDriver> | undefined;

/**
 * Imports snowflake-sdk on first use only: it is ~120 MB with the AWS and Azure SDKs and takes
 * ~0.7 s to import, which every process that never talks to Snowflake should not pay.
 *
 * The driver probes cloud metadata endpoints (169.254.169.254, GCE metadata) for telemetry
 * while the module loads, unless SNOWFLAKE_DISABLE_PLATFORM_DETECTION is set; that probe is
 * useless here and hangs offline, so it is disabled unless the environment already decided.
 */
export function loadSnowflakeDriver(): Promise<SnowflakeDriver> {
  process.env['SNOWFLAKE_DISABLE_PLATFORM_DETECTION'] ??= 'true';
  driver ??= import('snowflake-sdk').then((module) => module.default);
  return driver;
}
