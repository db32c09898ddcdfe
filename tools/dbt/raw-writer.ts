import type { DuckDBConnection } from '@duckdb/node-api';
import { RAW_SCHEMA, RAW_TABLES, RAW_TABLE_ORDER, allColumns, createTableSql, type RawTableName } from './raw-tables.ts';
import type { RawRecord, RawRecordsByTable, RawValue } from './raw-records.ts';

/** Creates schema `raw` and its three tables (idempotent). */
export async function createRawTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`create schema if not exists ${RAW_SCHEMA}`);
  for (const name of RAW_TABLE_ORDER) await connection.run(createTableSql(RAW_TABLES[name]));
}

function asText(value: RawValue): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value : String(value);
}

/**
 * MERGE by key, as the sync does: each record replaces the row with the same key (or inserts
 * it), stamped with `_synced_at`. Values go in as text through the appender into a load table
 * and are cast by DuckDB, so money and timestamps never pass through a JS number.
 * A record with a column the RAW table does not have is a contract violation and throws.
 */
export async function upsertRawRecords(
  connection: DuckDBConnection,
  table: RawTableName,
  records: readonly RawRecord[],
  syncedAt: string,
): Promise<void> {
  if (records.length === 0) return;
  const spec = RAW_TABLES[table];
  const columns = allColumns(spec);
  const known = new Set(columns.map((c) => c.name));
  const loadTable = `load_${table}`;
  await connection.run(`create or replace table main.${loadTable} (${columns.map((c) => `${c.name} varchar`).join(', ')})`);
  const appender = await connection.createAppender(loadTable, 'main');
  try {
    for (const record of records) {
      const unknown = Object.keys(record).filter((k) => !known.has(k));
      if (unknown.length > 0) throw new Error(`raw.${table} has no column(s) ${unknown.join(', ')}`);
      for (const column of columns) {
        const value = column.name === '_synced_at' ? syncedAt : asText(record[column.name] ?? null);
        if (value === null) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  const casts = columns.map((c) => `cast(${c.name} as ${c.type}) as ${c.name}`).join(', ');
  await connection.run(`insert or replace into ${RAW_SCHEMA}.${table} select ${casts} from main.${loadTable}`);
  await connection.run(`drop table main.${loadTable}`);
}

/** Writes every table's records, parents first. */
export async function upsertAllRawRecords(connection: DuckDBConnection, records: RawRecordsByTable, syncedAt: string): Promise<void> {
  for (const name of RAW_TABLE_ORDER) await upsertRawRecords(connection, name, records[name] ?? [], syncedAt);
}
