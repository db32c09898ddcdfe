import type { SqlClient } from '../client/sql-client.ts';

export interface CapturedColumn {
  name: string;
  /** Type OID: the value is decoded by the pg driver's parser for it, as pgoutput tuples are. */
  typeOid: number;
}

export interface CapturedTable {
  schema: string;
  table: string;
  /** Every live column, in table order (the order of pgoutput's tuples and of `SELECT *`). */
  columns: CapturedColumn[];
  /** Primary-key columns in key order; empty when the table has none. */
  keyColumns: string[];
}

/** Reads a captured table's columns and primary key from the catalog; refuses a table that does not exist. */
export async function readCapturedTable(sql: SqlClient, qualified: string): Promise<CapturedTable> {
  const [schema, table] = qualified.split('.') as [string, string];
  const columns = await sql.query<{ attname: string; atttypid: number | string; key_position: number | string | null }>(
    `SELECT a.attname, a.atttypid::int AS atttypid, array_position(i.indkey::int2[], a.attnum) AS key_position
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
      WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [schema, table],
  );
  if (columns.rows.length === 0) throw new Error(`${qualified}: no such table (or it has no columns) to capture`);
  return {
    schema,
    table,
    columns: columns.rows.map((row) => ({ name: row.attname, typeOid: Number(row.atttypid) })),
    keyColumns: columns.rows
      .filter((row) => row.key_position !== null)
      .sort((a, b) => Number(a.key_position) - Number(b.key_position))
      .map((row) => row.attname),
  };
}
