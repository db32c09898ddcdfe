import { readRawRows } from '@ledgerline/duckdb';
import { connectProbe } from '@ledgerline/postgres/testing';
import type { SyncTableSpec, SyncValue } from '@ledgerline/warehouse-sync';
import { canonicalRow } from '@ledgerline/warehouse-sync/testing';

type Row = Record<string, SyncValue>;

/**
 * Every row of a Postgres table, read independently of the change feed: the driver's text
 * output (session in UTC) converted by the spec's types, timestamps canonicalised.
 */
export async function postgresRows(url: string, spec: SyncTableSpec): Promise<Row[]> {
  const client = await connectProbe(url, { timeZone: 'UTC', textValues: true });
  try {
    const columns = spec.columns.map((c) => `"${c.name}"`).join(', ');
    const result = await client.query<Record<string, string | null>>(`SELECT ${columns} FROM "${spec.name}" ORDER BY "${spec.key}"`);
    return result.rows.map((raw) => {
      const row: Row = {};
      for (const c of spec.columns) {
        const text = raw[c.name] ?? null;
        if (text === null) row[c.name] = null;
        else if (c.type === 'boolean') row[c.name] = text === 't';
        else if (c.type === 'integer') row[c.name] = Number(text);
        else if (c.type === 'bigint') row[c.name] = BigInt(text);
        else if (c.type === 'timestamp') row[c.name] = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
        else row[c.name] = text;
      }
      return canonicalRow(spec, row);
    });
  } finally {
    await client.close();
  }
}

/** The live (not tombstoned) warehouse rows with only the data columns, canonicalised. */
export async function warehouseLiveRows(path: string, spec: SyncTableSpec): Promise<Row[]> {
  const rows = await readRawRows(path, spec);
  return rows
    .filter((r) => !r._deleted)
    .map((r) => canonicalRow(spec, Object.fromEntries(spec.columns.map((c) => [c.name, r[c.name] ?? null]))));
}

/** Rows per key in the warehouse that appear more than once (must be none). */
export async function duplicateKeys(path: string, spec: SyncTableSpec): Promise<string[]> {
  const keys = (await readRawRows(path, spec)).map((r) => String(r[spec.key]));
  return keys.filter((k, i) => keys.indexOf(k) !== i);
}
