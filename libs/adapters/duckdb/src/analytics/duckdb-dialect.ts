import { STANDARD_SQL_HOOKS, type SqlDialect } from '@ledgerline/analytics';

/**
 * DuckDB's side of the shared metric SQL. The UTC day is computed from epoch microseconds with
 * integer arithmetic: exact, independent of the session time zone, and several times faster on
 * millions of rows than a time-zone conversion through ICU.
 */
export const DUCKDB_DIALECT: SqlDialect = {
  name: 'duckdb',
  // `//` truncates toward zero, so days before 1970 step back one (floor division).
  utcDay: (ts) =>
    `(DATE '1970-01-01' + CAST(epoch_us(${ts}) // 86400000000 - CASE WHEN epoch_us(${ts}) % 86400000000 < 0 THEN 1 ELSE 0 END AS INTEGER))`,
  epochMicros: (ts) => `epoch_us(${ts})`,
  wideIntegerType: 'HUGEINT',
  intDiv: (a, b) => `(${a} // ${b})`,
  binaryOrder: (text) => text,
  ...STANDARD_SQL_HOOKS,
};
