import type { DuckDBAppender } from '@duckdb/node-api';
import type { DeletedKey, RawRow, SyncColumnType, SyncTableSpec, SyncValue } from '@ledgerline/warehouse-sync';

type AppendValue = (appender: DuckDBAppender, value: SyncValue, column: string) => void;

function wrongType(column: string, expected: string, value: SyncValue): never {
  throw new TypeError(`column ${column}: expected ${expected}, got ${typeof value} ${String(value)}`);
}

// One appender call per value, chosen once per column. Strings stay strings (money and
// timestamps are cast in SQL); bigint stays bigint: no float ever holds a money or id value.
const APPENDERS: Record<SyncColumnType, AppendValue> = {
  string: (a, v, c) => (v === null ? a.appendNull() : typeof v === 'string' ? a.appendVarchar(v) : wrongType(c, 'string', v)),
  money: (a, v, c) => (v === null ? a.appendNull() : typeof v === 'string' ? a.appendVarchar(v) : wrongType(c, 'decimal string', v)),
  decimal: (a, v, c) => (v === null ? a.appendNull() : typeof v === 'string' ? a.appendVarchar(v) : wrongType(c, 'decimal string', v)),
  timestamp: (a, v, c) => (v === null ? a.appendNull() : typeof v === 'string' ? a.appendVarchar(v) : wrongType(c, 'ISO string', v)),
  boolean: (a, v, c) => (v === null ? a.appendNull() : typeof v === 'boolean' ? a.appendBoolean(v) : wrongType(c, 'boolean', v)),
  bigint: (a, v, c) => (v === null ? a.appendNull() : typeof v === 'bigint' ? a.appendBigInt(v) : wrongType(c, 'bigint', v)),
  integer: (a, v, c) =>
    v === null ? a.appendNull() : typeof v === 'number' && Number.isInteger(v) ? a.appendInteger(v) : wrongType(c, 'integer', v),
};

/** Appends upserts and tombstones to the staging table, in the column order createStagingSql uses. */
export function stageBatch(appender: DuckDBAppender, spec: SyncTableSpec, upserts: readonly RawRow[], deletes: readonly DeletedKey[]): void {
  const columns = spec.columns.map((c) => ({ name: c.name, append: APPENDERS[c.type], isKey: c.name === spec.key }));
  for (const row of upserts) {
    for (const column of columns) column.append(appender, row[column.name] ?? null, column.name);
    appender.appendBigInt(row._change_seq);
    appender.appendBoolean(false);
    appender.endRow();
  }
  for (const tombstone of deletes) {
    for (const column of columns) {
      if (column.isKey) appender.appendVarchar(tombstone.key);
      else appender.appendNull();
    }
    appender.appendBigInt(tombstone._change_seq);
    appender.appendBoolean(true);
    appender.endRow();
  }
}
