import type { DuckDBConnection } from '@duckdb/node-api';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export async function schemaExists(connection: DuckDBConnection, catalog: string, schema: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    'SELECT count(*) FROM information_schema.schemata WHERE catalog_name = $1 AND schema_name = $2',
    [catalog, schema],
  );
  return Number(reader.getRows()[0]?.[0] ?? 0) > 0;
}

/** Makes `schema` the connection's default schema (Snowflake: the session's current schema). */
export async function useSchema(connection: DuckDBConnection, catalog: string, schema: string): Promise<void> {
  await connection.run(`USE ${quoteIdent(catalog)}.${quoteIdent(schema)}`);
}

/** The schema every Snowflake database starts with, and the emulator's fallback schema. */
export const PUBLIC_SCHEMA = 'PUBLIC';
