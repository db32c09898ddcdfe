import type { SyncColumn, SyncTableSpec } from '@ledgerline/warehouse-sync';
import { TOMBSTONE_TABLE } from './change-feed-sql.ts';

const quote = (identifier: string) => `"${identifier}"`;

function xidLiteral(xid: bigint): string {
  if (xid < 0n) throw new RangeError(`transaction id ${xid} is negative`);
  return `'${xid.toString()}'::xid8`;
}

// The export leaves values in Postgres' own text output (no to_char, no ::text): that is the
// cheapest COPY can write, and the warehouse reads it with typed columns instead of casting
// strings. Timestamps depend on the session's TimeZone and DateStyle, so the COPY runs with
// WINDOW_EXPORT_SETTINGS (ISO output in UTC: `2026-01-01 00:00:37.123456+00`).
const NATIVE_TYPE: Record<SyncColumn['type'], string> = {
  string: 'text',
  money: 'numeric(15,2)',
  decimal: 'numeric(28,8)',
  timestamp: 'timestamptz',
  boolean: 'boolean',
  bigint: 'bigint',
  integer: 'integer',
};

/** Transaction-local settings the export's COPY needs for its timestamp text (see above). */
export const WINDOW_EXPORT_SETTINGS: readonly string[] = ["SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO, YMD'"];

function nativeExpression(column: SyncColumn, alias: string): string {
  const ref = `${alias}.${quote(column.name)}`;
  // text and timestamptz columns are written as they are; the others are pinned to the RAW type.
  return column.type === 'string' || column.type === 'timestamp' ? ref : `${ref}::${NATIVE_TYPE[column.type]}`;
}

/**
 * `COPY ... TO STDOUT` of a whole window [fromXid, toXid) in the WindowExport CSV layout: live
 * rows with change_xid in the window, and per key the newest tombstone in the window whose key
 * does not exist in the same snapshot (one statement: one snapshot, as a page). COPY takes no
 * parameters, so the bounds are bigint literals and the table name a validated identifier
 * (syncTableSpecSchema: lower-case snake_case), quoted as a literal too.
 */
export function windowExportSql(spec: SyncTableSpec, fromXid: bigint, toXid: bigint): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(spec.name)) throw new Error(`not a sync table name: ${spec.name}`);
  const table = quote(spec.name);
  const key = quote(spec.key);
  const window = (alias: string) => `${alias}.change_xid >= ${xidLiteral(fromXid)} AND ${alias}.change_xid < ${xidLiteral(toXid)}`;
  const rowColumns = spec.columns.map((c) => `${nativeExpression(c, 'r')} AS ${quote(c.name)}`).join(', ');
  const tombstoneColumns = spec.columns.map((c) => (c.name === spec.key ? 'd.row_key::text' : `NULL::${NATIVE_TYPE[c.type]}`)).join(', ');
  return `COPY (
    SELECT ${rowColumns}, r.change_seq AS _change_seq, false AS _deleted
      FROM ${table} r
     WHERE ${window('r')}
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (d.row_key) ${tombstoneColumns}, d.change_seq, true
        FROM ${TOMBSTONE_TABLE} d
       WHERE d.table_name = '${spec.name}' AND ${window('d')}
         AND NOT EXISTS (SELECT 1 FROM ${table} live WHERE live.${key} = d.row_key)
       ORDER BY d.row_key, d.change_seq DESC
    ) newest_tombstones
  ) TO STDOUT WITH (FORMAT csv)`;
}
