import type { DuckDBResultReader } from '@duckdb/node-api';
import type { JsonValue, RelationColumn } from '@ledgerline/analytics';

/**
 * Rows of an ad-hoc query as JSON-safe values: DuckDB's own JSON conversion keeps decimals and
 * BIGINT/HUGEINT exact (as strings) and writes dates and timestamps as text.
 */
export function readJsonRows(reader: DuckDBResultReader): { columns: RelationColumn[]; rows: Array<Record<string, JsonValue>> } {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = names.map((name, i) => ({ name, type: types[i]?.toString() ?? 'UNKNOWN' }));
  const rows = reader.getRowObjectsJson() as Array<Record<string, JsonValue>>;
  return { columns, rows };
}
