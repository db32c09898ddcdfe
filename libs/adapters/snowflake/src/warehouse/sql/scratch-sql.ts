import { quoteIdentifier as q } from './identifiers.ts';

/**
 * A scratch schema of its own, for the snowflake-smoke run. No IF NOT EXISTS: a name already
 * taken must fail, so a run never writes into (and then drops) a schema it did not create.
 */
export function createScratchSchemaSql(database: string, schema: string): string {
  return `CREATE SCHEMA ${q(database)}.${q(schema)}`;
}

/** Binds: the prefix followed by `%`. Every schema of the database whose name starts with it. */
export function listScratchSchemasSql(database: string): string {
  return `SELECT SCHEMA_NAME AS "NAME" FROM ${q(database)}.INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE ? ORDER BY SCHEMA_NAME`;
}

/** CASCADE: dbt's views, tables and snapshots in it go too. */
export function dropScratchSchemaSql(database: string, schema: string): string {
  return `DROP SCHEMA IF EXISTS ${q(database)}.${q(schema)} CASCADE`;
}
