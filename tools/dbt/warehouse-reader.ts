import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/** JSON-safe row as @duckdb/node-api renders it (decimals and dates as strings). */
export type JsonRow = Record<string, unknown>;

/**
 * Opens a DuckDB file for the duration of `work` and closes it again, so the file is free for
 * the next dbt run (DuckDB allows one writing process per file).
 */
export async function withWarehouse<T>(path: string, work: (connection: DuckDBConnection) => Promise<T>, readOnly = true): Promise<T> {
  const instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  const connection = await instance.connect();
  try {
    return await work(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export async function queryRows(connection: DuckDBConnection, sql: string): Promise<JsonRow[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}
