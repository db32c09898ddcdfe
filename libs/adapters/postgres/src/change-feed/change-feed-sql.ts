import type { SyncColumn, SyncTableSpec } from '@ledgerline/warehouse-sync';

/** The tombstone table the change-tracking migration fills (one row per deleted row). */
export const TOMBSTONE_TABLE = 'deleted_rows';

const quote = (identifier: string) => `"${identifier}"`;

// Everything leaves Postgres as text/boolean/int in the port's formats, so the result does not
// depend on driver type parsers (pg on PostgreSQL and on PGlite's socket alike).
export function selectExpression(column: SyncColumn, alias: string): string {
  const ref = `${alias}.${quote(column.name)}`;
  switch (column.type) {
    case 'string':
      return `${ref}::text`;
    case 'money':
      return `${ref}::numeric(15,2)::text`;
    case 'decimal':
      return `${ref}::numeric(28,8)::text`;
    case 'timestamp':
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'boolean':
      return `${ref}::boolean`;
    case 'bigint':
      return `${ref}::bigint::text`;
    case 'integer':
      return `${ref}::integer`;
  }
}

export const NULL_OF: Record<SyncColumn['type'], string> = {
  string: 'NULL::text',
  money: 'NULL::text',
  decimal: 'NULL::text',
  timestamp: 'NULL::text',
  boolean: 'NULL::boolean',
  bigint: 'NULL::text',
  integer: 'NULL::integer',
};

/**
 * One page of changes of a table in [$1, $2) by (change_xid, change_seq): live rows UNION ALL
 * tombstones of keys that do not exist in the same snapshot. With a cursor, $4/$5 continue after
 * it. Both branches are index range scans on (change_xid, change_seq), merged in order.
 * Parameters: $1 fromXid, $2 toXid, $3 table name, [$4 cursor xid, $5 cursor seq], last: limit.
 */
export function changePageSql(spec: SyncTableSpec, withCursor: boolean): string {
  const table = quote(spec.name);
  const key = quote(spec.key);
  const after = (alias: string) => (withCursor ? ` AND (${alias}.change_xid, ${alias}.change_seq) > ($4::xid8, $5::bigint)` : '');
  const limit = withCursor ? '$6' : '$4';
  const rowColumns = spec.columns.map((c) => `${selectExpression(c, 'r')} AS ${quote(c.name)}`).join(', ');
  const tombstoneColumns = spec.columns
    .map((c) => `${c.name === spec.key ? 'd.row_key::text' : NULL_OF[c.type]} AS ${quote(c.name)}`)
    .join(', ');
  return `
    SELECT 'U' AS _op, r.change_xid AS _xid, r.change_seq AS _seq, ${rowColumns}
      FROM ${table} r
     WHERE r.change_xid >= $1::xid8 AND r.change_xid < $2::xid8${after('r')}
    UNION ALL
    SELECT 'D' AS _op, d.change_xid AS _xid, d.change_seq AS _seq, ${tombstoneColumns}
      FROM ${TOMBSTONE_TABLE} d
     WHERE d.table_name = $3 AND d.change_xid >= $1::xid8 AND d.change_xid < $2::xid8${after('d')}
       AND NOT EXISTS (SELECT 1 FROM ${table} live WHERE live.${key} = d.row_key)
    ORDER BY _xid, _seq
    LIMIT ${limit}`;
}

/** The snapshot-xmin horizon, as text (xid8 does not fit a JS number). */
export const HORIZON_SQL = 'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon';
