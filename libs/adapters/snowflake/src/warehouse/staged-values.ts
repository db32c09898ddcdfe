import type { DeletedKey, RawRow, SyncColumnType, SyncTableSpec, SyncValue } from '@ledgerline/warehouse-sync';

/** One staging row as text: data columns in spec order, then `_CHANGE_SEQ` and `_DELETED`. */
export type StagedRow = Array<string | null>;

type ToText = (value: SyncValue, column: string) => string;

function wrongType(column: string, expected: string, value: SyncValue): never {
  throw new TypeError(`column ${column}: expected ${expected}, got ${typeof value} ${String(value).slice(0, 40)}`);
}

// Every value travels as text (binds and CSV alike), so no float ever holds a money or id value
// and the driver binds one type per column. Snowflake converts on insert / in the MERGE.
const TO_TEXT: Record<SyncColumnType, ToText> = {
  string: (v, c) => (typeof v === 'string' ? v : wrongType(c, 'string', v)),
  money: (v, c) => (typeof v === 'string' ? v : wrongType(c, 'decimal string', v)),
  decimal: (v, c) => (typeof v === 'string' ? v : wrongType(c, 'decimal string', v)),
  timestamp: (v, c) => (typeof v === 'string' ? v : wrongType(c, 'ISO-8601 string', v)),
  boolean: (v, c) => (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : wrongType(c, 'boolean', v)),
  bigint: (v, c) => (typeof v === 'bigint' ? v.toString() : wrongType(c, 'bigint', v)),
  integer: (v, c) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : wrongType(c, 'integer', v)),
};

/**
 * The batch as staging rows: upserts with `_DELETED` FALSE, then tombstones (the key, NULL data
 * columns, `_DELETED` TRUE). Throws TypeError naming the column for a value of the wrong type.
 */
export function stagedRows(spec: SyncTableSpec, upserts: readonly RawRow[], deletes: readonly DeletedKey[]): StagedRow[] {
  const columns = spec.columns.map((c) => ({ name: c.name, toText: TO_TEXT[c.type], isKey: c.name === spec.key }));
  const rows: StagedRow[] = [];
  for (const row of upserts) {
    const values: StagedRow = columns.map((c) => {
      const value = row[c.name] ?? null;
      return value === null ? null : c.toText(value, c.name);
    });
    values.push(row._change_seq.toString(), 'FALSE');
    rows.push(values);
  }
  for (const tombstone of deletes) {
    const values: StagedRow = columns.map((c) => (c.isKey ? tombstone.key : null));
    values.push(tombstone._change_seq.toString(), 'TRUE');
    rows.push(values);
  }
  return rows;
}

/** The highest `_change_seq` of the batch (stored as the informational `WATERMARK`), or null. */
export function maxChangeSeq(upserts: readonly RawRow[], deletes: readonly DeletedKey[]): bigint | null {
  let max: bigint | null = null;
  for (const row of upserts) if (max === null || row._change_seq > max) max = row._change_seq;
  for (const tombstone of deletes) if (max === null || tombstone._change_seq > max) max = tombstone._change_seq;
  return max;
}

/** Splits rows so no INSERT carries more bind values than `maxBindValues`. */
export function chunkForBinds(rows: readonly StagedRow[], valuesPerRow: number, maxBindValues: number): StagedRow[][] {
  const perChunk = Math.max(1, Math.floor(maxBindValues / valuesPerRow));
  const chunks: StagedRow[][] = [];
  for (let i = 0; i < rows.length; i += perChunk) chunks.push(rows.slice(i, i + perChunk));
  return chunks;
}
