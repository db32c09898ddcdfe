import type { SyncTableSpec } from '@ledgerline/warehouse-sync';
import { NULL_OF, selectExpression, TOMBSTONE_TABLE } from './change-feed-sql.ts';

const quote = (identifier: string) => `"${identifier}"`;

function xidLiteral(xid: bigint): string {
  if (xid < 0n) throw new RangeError(`transaction id ${xid} is negative`);
  return `'${xid.toString()}'::xid8`;
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
  const rowColumns = spec.columns.map((c) => `${selectExpression(c, 'r')} AS ${quote(c.name)}`).join(', ');
  const tombstoneColumns = spec.columns.map((c) => (c.name === spec.key ? 'd.row_key::text' : NULL_OF[c.type])).join(', ');
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
