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
  /** Where the data and metadata files live. */
  readonly storage: IcebergStorage;
  /**
   * Enables Iceberg's `add_files` procedure on this catalog: registers Parquet files already in
   * the storage (the CDC landing zone) without copying them (TrinoLandingTables).
   */
  readonly addFiles?: boolean;
}

/**
 * A local directory the server can write, or a bucket on an S3-compatible server (path-style
 * requests: the local versitygw, MinIO and most others need them; AWS accepts them too).
 */
export type IcebergStorage =
  | { readonly kind: 'local'; readonly directory: string }
  | {
      readonly kind: 's3';
      /** s3://bucket/prefix where new tables go. */
      readonly warehouse: string;
      readonly endpoint: string;
      readonly region: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
    };

/** Trino's file-system properties for a storage (native file systems; Trino 476 has no legacy Hadoop one). */
export function storageProperties(storage: IcebergStorage): Record<string, string> {
  if (storage.kind === 'local') {
    return { 'iceberg.jdbc-catalog.default-warehouse-dir': 'local:///', 'fs.native-local.enabled': 'true', 'local.location': storage.directory };
  }
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(storage.warehouse)) {
    throw new RangeError(`warehouse ${JSON.stringify(storage.warehouse)}: expected s3://<bucket>[/<prefix>]`);
  }
  return {
    'iceberg.jdbc-catalog.default-warehouse-dir': storage.warehouse,
    'fs.native-s3.enabled': 'true',
    's3.endpoint': storage.endpoint,
    's3.region': storage.region,
    's3.aws-access-key': storage.accessKeyId,
    's3.aws-secret-key': storage.secretAccessKey,
    's3.path-style-access': 'true',
  };
}

function checkedName(name: string): string {
  if (!CATALOG_NAME.test(name)) throw new RangeError(`catalog name ${JSON.stringify(name)}: expected lower-case letters, digits and _`);
  return name;
}

/**
 * Registers an Iceberg catalog on the running server (dynamic catalogs, docs/trino.md): Apache
 * Iceberg's JDBC catalog on PostgreSQL, files in a local directory or on S3. What dbt's `trino`
 * target builds into, what the Trino analytics store reads, and (on S3, with `addFiles`) where the
 * CDC landing zone's Parquet files become tables.
 */
export async function createIcebergCatalog(client: TrinoClient, options: IcebergCatalogOptions): Promise<void> {
  const properties: Record<string, string> = {
    'iceberg.catalog.type': 'jdbc',
    'iceberg.jdbc-catalog.catalog-name': checkedName(options.name),
    'iceberg.jdbc-catalog.driver-class': 'org.postgresql.Driver',
    'iceberg.jdbc-catalog.connection-url': options.jdbcUrl,
    'iceberg.jdbc-catalog.connection-user': options.user,
    'iceberg.jdbc-catalog.connection-password': options.password ?? '',
    ...storageProperties(options.storage),
    ...(options.addFiles ? { 'iceberg.add-files-procedure.enabled': 'true' } : {}),
  };
  const withClause = Object.entries(properties).map(([key, value]) => `${q(key)} = ${trinoLiteral(value)}`);
  await client.run(`CREATE CATALOG ${q(options.name)} USING iceberg WITH (${withClause.join(', ')})`);
}

/** The jdbc:postgresql:// URL, user and password Trino's catalogs take for a postgres:// URL. */
export function jdbcOf(url: string): { jdbcUrl: string; user: string; password: string } {
  const parsed = new URL(url);
  return { jdbcUrl: `jdbc:postgresql://${parsed.host}${parsed.pathname}`, user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
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
