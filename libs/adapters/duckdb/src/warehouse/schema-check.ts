import type { DuckDBConnection } from '@duckdb/node-api';
import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import { NEWS_MENTIONS_TABLE, NEWS_TABLE, QUARANTINE_TABLE, SOURCE_RUNS_TABLE, STANDARD_PRICE_TABLES } from '../market/market-raw-ddl.ts';
import { SYNC_STATE_TABLE } from './raw-table-ddl.ts';

/** The RAW tables ensureSchema creates besides the sync tables (market tables dbt reads, and the sync state). */
const SUPPORT_TABLES = [SYNC_STATE_TABLE, ...STANDARD_PRICE_TABLES, NEWS_TABLE, NEWS_MENTIONS_TABLE, QUARANTINE_TABLE, SOURCE_RUNS_TABLE];

/**
 * Whether the schema already has every table ensureSchema creates and every column of the sync
 * tables: one catalog read, so a sync of an up-to-date warehouse runs no DDL at all (each
 * `CREATE ... IF NOT EXISTS` is a catalog transaction of its own, and a no-op sync ran a dozen).
 */
export async function schemaIsComplete(db: DuckDBConnection, schema: string, tables: readonly SyncTableSpec[]): Promise<boolean> {
  const reader = await db.runAndReadAll(
    `SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = $schema AND database_name = current_database()`,
    { schema },
  );
  const columns = new Map<string, Set<string>>();
  for (const row of reader.getRowObjectsJS()) {
    const table = String(row.table_name);
    let set = columns.get(table);
    if (!set) columns.set(table, (set = new Set()));
    set.add(String(row.column_name));
  }
  if (SUPPORT_TABLES.some((table) => !columns.has(table))) return false;
  return tables.every((spec) => {
    const present = columns.get(spec.name);
    return present !== undefined && spec.columns.every((column) => present.has(column.name));
  });
}
