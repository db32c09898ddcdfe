import type { DuckDBConnection } from '@duckdb/node-api';
import { servingTableNames } from './serving-schema.ts';

/** Every serving table of `schema` (the RAW marks included), each as its rows in a canonical order. */
export async function dumpServing(db: DuckDBConnection, schema = 'serving'): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of servingTableNames()) {
    dump[table] = (await db.runAndReadAll(`SELECT * FROM "${schema}"."${table}" ORDER BY ALL`)).getRowObjectsJson();
  }
  return dump;
}
