import { STANDARD_SQL_HOOKS, type SqlDialect } from '@ledgerline/analytics';

/**
 * PostgreSQL's side of the shared metric SQL. Text ordering is forced to "C" (byte order), which
 * is what DuckDB does, so both stores sort and hash rows identically whatever the database
 * collation; extract(epoch) is numeric since PostgreSQL 14, so the microseconds are exact.
 */
export const POSTGRES_DIALECT: SqlDialect = {
  name: 'postgres',
  utcDay: (ts) => `CAST((${ts} AT TIME ZONE 'UTC') AS DATE)`,
  epochMicros: (ts) => `CAST(extract(epoch FROM ${ts}) * 1000000 AS BIGINT)`,
  wideIntegerType: 'NUMERIC',
  intDiv: (a, b) => `div(${a}, ${b})`,
  binaryOrder: (text) => `(${text} COLLATE "C")`,
  ...STANDARD_SQL_HOOKS,
};
