import type { TrinoClient } from '../client/trino-client.ts';
import { trinoIdentifier as q, trinoLiteral } from '../client/trino-literals.ts';

const CATALOG_NAME = /^[a-z_][a-z0-9_]*$/;

export interface IcebergCatalogOptions {
  /** Lower case: Trino folds catalog names. */
  readonly name: string;
  /** The PostgreSQL database keeping Iceberg's JDBC catalog tables (tools/services/trino/iceberg-jdbc-catalog.sql), as a jdbc:postgresql:// URL. */
  readonly jdbcUrl: string;
  readonly user: string;
  readonly password?: string;
  /** Local directory of the data and metadata files (the server must be able to write it). */
  readonly directory: string;
}

function checkedName(name: string): string {
  if (!CATALOG_NAME.test(name)) throw new RangeError(`catalog name ${JSON.stringify(name)}: expected lower-case letters, digits and _`);
  return name;
}

/**
 * Registers an Iceberg catalog on the running server (dynamic catalogs, docs/trino.md): Apache
 * Iceberg's JDBC catalog on PostgreSQL, files in a local directory. What dbt's `trino` target
 * builds into and what the Trino analytics store reads.
 */
export async function createIcebergCatalog(client: TrinoClient, options: IcebergCatalogOptions): Promise<void> {
  const properties: Record<string, string> = {
    'iceberg.catalog.type': 'jdbc',
    'iceberg.jdbc-catalog.catalog-name': checkedName(options.name),
    'iceberg.jdbc-catalog.driver-class': 'org.postgresql.Driver',
    'iceberg.jdbc-catalog.connection-url': options.jdbcUrl,
    'iceberg.jdbc-catalog.connection-user': options.user,
    'iceberg.jdbc-catalog.connection-password': options.password ?? '',
    'iceberg.jdbc-catalog.default-warehouse-dir': 'local:///',
    'fs.native-local.enabled': 'true',
    'local.location': options.directory,
  };
  const withClause = Object.entries(properties).map(([key, value]) => `${q(key)} = ${trinoLiteral(value)}`);
  await client.run(`CREATE CATALOG ${q(options.name)} USING iceberg WITH (${withClause.join(', ')})`);
}

/** Registers a PostgreSQL database as a catalog (federated queries over the operational store). */
export async function createPostgresCatalog(client: TrinoClient, options: { name: string; jdbcUrl: string; user: string; password?: string }): Promise<void> {
  await client.run(
    `CREATE CATALOG ${q(checkedName(options.name))} USING postgresql WITH ("connection-url" = ${trinoLiteral(options.jdbcUrl)}, "connection-user" = ${trinoLiteral(options.user)}, "connection-password" = ${trinoLiteral(options.password ?? '')})`,
  );
}

/** Registers a DuckDB file as a catalog (read through DuckDB's JDBC driver; it locks the file). */
export async function createDuckDbCatalog(client: TrinoClient, options: { name: string; path: string }): Promise<void> {
  await client.run(`CREATE CATALOG ${q(checkedName(options.name))} USING duckdb WITH ("connection-url" = ${trinoLiteral(`jdbc:duckdb:${options.path}`)})`);
}

export async function dropCatalog(client: TrinoClient, name: string): Promise<void> {
  await client.run(`DROP CATALOG IF EXISTS ${q(checkedName(name))}`);
}
