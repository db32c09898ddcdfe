import { probeDuckDb } from '@ledgerline/duckdb/testing';
import { LANDING_COLUMNS } from '@ledgerline/cdc';

/** One change event row as the landing writer lands it (the agreed Parquet columns). */
export interface LandedRow {
  offset: number;
  op: 'c' | 'u' | 'd' | 'r' | 't';
  key: Record<string, unknown> | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  lsn?: number;
  txId?: number | null;
  tsMs?: number;
}

const lit = (value: string | null) => (value === null ? 'NULL::VARCHAR' : `'${value.replace(/'/g, "''")}'::VARCHAR`);
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Writes a landed file with DuckDB `COPY ... TO (FORMAT parquet)` in the landing layout
 * (LANDING_COLUMNS of @ledgerline/cdc, in that order).
 */
export async function writeLandedParquet(path: string, table: { schema: string; table: string; partition: number }, rows: readonly LandedRow[]): Promise<void> {
  const values = rows.map(
    (r) =>
      `(${lit(`ledgerline.${table.schema}.${table.table}`)}, ${table.partition}::INTEGER, ${r.offset}::BIGINT, ${lit(r.op)}, ${lit(json(r.key))}, ` +
      `${lit(json(r.before))}, ${lit(json(r.after))}, ${lit(table.schema)}, ${lit(table.table)}, ${r.lsn ?? 1000 + r.offset}::BIGINT, ` +
      `${r.txId === undefined ? 700 : r.txId === null ? 'NULL' : r.txId}::BIGINT, ${r.tsMs ?? 1_765_000_000_000}::BIGINT, ${(r.tsMs ?? 1_765_000_000_000) + 5}::BIGINT, ${lit(r.op === 'r' ? 'true' : 'false')})`,
  );
  await probeDuckDb(':memory:').run(
    `COPY (SELECT * FROM (VALUES ${values.join(', ')}) AS t(${LANDING_COLUMNS.map((c) => `"${c.name}"`).join(', ')}))
     TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`,
  );
}
