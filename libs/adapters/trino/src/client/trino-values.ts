import type { TrinoColumn } from './trino-protocol.ts';

/**
 * JSON.parse that keeps integers beyond 2^53 exact (as bigint): Trino writes BIGINT values as
 * JSON numbers, and a sum of cents or an epoch in nanoseconds may not fit a double. Uses the
 * reviver's source text (Node 22+).
 */
export function parseTrinoJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) => {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source)) {
      return BigInt(context.source);
    }
    return value;
  });
}

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer']);

/**
 * One value of a Trino column as the metric decoders expect it (architecture: money as decimal
 * text): BIGINT as bigint, smaller integers as numbers, DECIMAL as its text, DOUBLE/REAL as
 * numbers ("NaN"/"Infinity" too), everything else (varchar, date, timestamp text, boolean) as is.
 */
export function decodeTrinoValue(type: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const base = type.toLowerCase().replace(/\(.*$/, '');
  if (base === 'bigint') return typeof value === 'bigint' ? value : BigInt(value as number | string);
  if (INTEGER_TYPES.has(base)) return Number(value);
  if (base === 'double' || base === 'real') return typeof value === 'number' ? value : Number(value);
  return value;
}

/** Rows as objects keyed by column name, each value decoded for its column's type. */
export function rowObjects(columns: readonly TrinoColumn[], rows: readonly unknown[][]): Array<Record<string, unknown>> {
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column.name, decodeTrinoValue(column.type, row[i])])));
}
