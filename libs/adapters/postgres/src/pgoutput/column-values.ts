import { UNAVAILABLE_VALUE, type ColumnValue, type RowImage } from '@ledgerline/cdc';

/**
 * A value as node-postgres' type parsers return it (the same parsers read the snapshot and
 * decode pgoutput tuples, so both paths agree), made JSON-safe:
 * - int8 and numeric arrive as strings and stay strings (no float rounding);
 * - timestamps arrive as Date and leave as ISO-8601 UTC (millisecond precision: the driver's Date);
 * - bytea arrives as Buffer and leaves as Postgres' hex form `\x...`;
 * - `undefined` is pgoutput's "unchanged TOAST value not in the log": Debezium's placeholder.
 */
export function toColumnValue(value: unknown): ColumnValue {
  if (value === undefined) return UNAVAILABLE_VALUE;
  if (value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return value.map((item) => toColumnValue(item));
  if (typeof value === 'object') {
    const out: Record<string, ColumnValue> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toColumnValue(item);
    return out;
  }
  throw new Error(`cannot represent a ${typeof value} column value as JSON`);
}

export function toRowImage(row: Record<string, unknown> | null | undefined): RowImage | null {
  if (!row) return null;
  const image: RowImage = {};
  for (const [column, value] of Object.entries(row)) image[column] = toColumnValue(value);
  return image;
}
