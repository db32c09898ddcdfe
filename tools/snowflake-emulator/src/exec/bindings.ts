import type { Binding } from '../protocol/request-schemas.ts';
import { SnowflakeError } from '../protocol/snowflake-error.ts';

export type BindValue = string | bigint | number | boolean | null;

/**
 * The binds of one request. The driver sends `{ "1": { type, value }, ... }` where `value` is a
 * string (or null) for a single execution, or an array with one entry per row for array
 * binding (`connection.execute({ binds: [[...], [...]] })`).
 */
export type Binds =
  | { kind: 'none' }
  | { kind: 'single'; values: BindValue[] }
  | { kind: 'array'; types: string[]; columns: Array<Array<string | null>>; rowCount: number };

export function readBinds(bindings: Record<string, Binding> | undefined, parameterCount: number): Binds {
  if (!bindings || Object.keys(bindings).length === 0) {
    if (parameterCount > 0) throw missingBind(1);
    return { kind: 'none' };
  }
  const ordered: Binding[] = [];
  for (let n = 1; n <= parameterCount; n++) {
    const binding = bindings[String(n)];
    if (!binding) throw missingBind(n);
    ordered.push(binding);
  }
  const arrays = ordered.filter((b) => Array.isArray(b.value));
  if (arrays.length === 0) {
    return { kind: 'single', values: ordered.map((b) => typedValue(b.type, b.value as string | null)) };
  }
  if (arrays.length !== ordered.length) {
    throw new SnowflakeError('002049', '42601', 'SQL compilation error: array binds and single binds cannot be mixed.');
  }
  const columns = ordered.map((b) => b.value as Array<string | null>);
  const rowCount = columns[0]?.length ?? 0;
  if (columns.some((c) => c.length !== rowCount)) {
    throw new SnowflakeError('002049', '42601', 'SQL compilation error: array binds must all have the same length.');
  }
  return { kind: 'array', types: ordered.map((b) => b.type), columns, rowCount };
}

/** The values of row `row` of an array bind, typed like single binds. */
export function arrayRow(binds: Extract<Binds, { kind: 'array' }>, row: number): BindValue[] {
  return binds.columns.map((column, k) => typedValue(binds.types[k] ?? 'TEXT', column[row] ?? null));
}

/**
 * Bind values arrive as strings; give DuckDB the JavaScript type the driver started from so
 * that `? + 1` or `WHERE id = ?` behave as in Snowflake. FIXED is only used for integers by
 * the driver, but rows of an array bind can differ from the first row's type: a non-integer
 * FIXED value stays a string and DuckDB casts it to the target type.
 */
export function typedValue(type: string, value: string | null): BindValue {
  if (value === null) return null;
  switch (type.toUpperCase()) {
    case 'FIXED':
      return /^-?\d+$/.test(value) ? BigInt(value) : value;
    case 'REAL': {
      const n = Number(value);
      return Number.isNaN(n) ? value : n;
    }
    case 'BOOLEAN':
      if (/^(true|1)$/i.test(value)) return true;
      if (/^(false|0)$/i.test(value)) return false;
      return value;
    default:
      return value;
  }
}

function missingBind(n: number): SnowflakeError {
  return new SnowflakeError('002049', '42601', `SQL compilation error: Bind variable :${n} not set.`);
}
