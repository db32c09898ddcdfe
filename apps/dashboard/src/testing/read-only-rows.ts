import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Rows of a plain SQL query on a DuckDB file opened read-only: the tests' own reads of RAW and the
 * marts, independent of the adapter under test (and harmless while its server reads the file).
 */
export async function readOnlyRows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}
