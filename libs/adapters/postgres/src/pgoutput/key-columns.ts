import type pg from 'pg';

/** Primary-key columns of `schema.table` in key order; empty when the table has no primary key. */
export async function primaryKeyColumns(client: pg.ClientBase, schema: string, table: string): Promise<string[]> {
  const result = await client.query<{ attname: string }>(
    `SELECT a.attname
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE n.nspname = $1 AND c.relname = $2 AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [schema, table],
  );
  return result.rows.map((row) => row.attname);
}

/** Caches key columns per table for the stream (one catalog query per table, not per row). */
export function cachedKeyColumns(client: pg.ClientBase): (schema: string, table: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  return (schema, table) => {
    const name = `${schema}.${table}`;
    let columns = cache.get(name);
    if (!columns) {
      columns = primaryKeyColumns(client, schema, table);
      cache.set(name, columns);
      columns.catch(() => cache.delete(name));
    }
    return columns;
  };
}
