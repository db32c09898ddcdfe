import { probeDuckDb } from '@ledgerline/duckdb/testing';

/**
 * Rows of a plain SQL query on a DuckDB file opened read-only: the tests' own reads of RAW and the
 * marts, independent of the adapter under test (and harmless while its server reads the file).
 */
export function readOnlyRows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return probeDuckDb(path, { readOnly: true }).rows<T>(sql);
}
