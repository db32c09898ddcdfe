import type { SyncTableSpec, SyncValue } from '@ledgerline/warehouse-sync';
import { withDuckDb } from '../connection/shared-instances.ts';
import { microsToIso, quoteIdentifier as q } from '../connection/sql-text.ts';
import { rawTable } from './raw-table-ddl.ts';

/** A stored RAW row: data columns plus the sync columns, in the port's value types. */
export type RawTableRow = Record<string, SyncValue> & { _change_seq: bigint; _deleted: boolean; _synced_at: string };

/**
 * Every row of raw.<table>, tombstones included, converted to the port's types: money as '12.30',
 * timestamps as ISO UTC with microseconds, BIGINT as bigint. For tests, reconciliation and tools;
 * reads through the process' shared instance, so it is safe while a warehouse handle is open.
 */
export async function readRawRows(path: string, spec: SyncTableSpec, schema = 'raw'): Promise<RawTableRow[]> {
  const select = spec.columns.map((c) => {
    const col = q(c.name);
    if (c.type === 'money' || c.type === 'decimal') return `CAST(${col} AS VARCHAR) AS ${col}`;
    if (c.type === 'timestamp') return `epoch_us(${col}) AS ${col}`;
    return col;
  });
  return withDuckDb(path, async (db) => {
    const reader = await db.runAndReadAll(
      `SELECT ${select.join(', ')}, _change_seq, _deleted, epoch_us(_synced_at) AS _synced_at
         FROM ${rawTable(schema, spec.name)} ORDER BY ${q(spec.key)}`,
    );
    return reader.getRowObjectsJS().map((raw) => {
      const row: Record<string, SyncValue> = {};
      for (const c of spec.columns) {
        const value = raw[c.name];
        row[c.name] = c.type === 'timestamp' && typeof value === 'bigint' ? microsToIso(value) : (value as SyncValue);
      }
      return {
        ...row,
        _change_seq: raw._change_seq as bigint,
        _deleted: raw._deleted as boolean,
        _synced_at: microsToIso(raw._synced_at as bigint),
      };
    });
  });
}
