/**
 * Snowflake protocol emulator — a TEST FIXTURE, not a database product.
 *
 * Speaks the REST endpoints the snowflake-sdk Node driver uses (login, query-request with JSON
 * rowsets, PUT to a LOCAL_FS stage, ...) and runs the SQL on an embedded DuckDB, so that code
 * using the real driver can be tested offline. See README.md for what is and is not emulated.
 */
export { startSnowflakeEmulator, type SnowflakeEmulator } from './start-emulator.ts';
export type { EmulatorOptions } from './emulator-options.ts';
export type { QueryRecord } from './state/query-history.ts';
