/**
 * The places where DuckDB, PostgreSQL and Trino SQL differ, for metric and fingerprint SQL written
 * once (metric-sql/*). Everything else the builders emit is common to all three: positional
 * parameters written `$n` (an adapter whose engine has none rewrites them, e.g. Trino's `?`),
 * CAST(... AS VARCHAR/DATE/DECIMAL(38,2)/DOUBLE PRECISION), FILTER (WHERE ...), date_trunc,
 * strpos, lower, window sums, VALUES lists with column aliases.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'postgres' | 'trino';
  /** The UTC calendar day (DATE) of a timestamptz expression. */
  utcDay(timestamptz: string): string;
  /** Microseconds since the epoch (BIGINT) of a timestamptz, exactly. */
  epochMicros(timestamptz: string): string;
  /** An exact integer type wide enough for cents x FX units x 10^scale (about 10^27). */
  readonly wideIntegerType: string;
  /** Integer division of two non-negative wide integers, truncating. */
  intDiv(numerator: string, denominator: string): string;
  /** A text expression ordered byte-wise (Postgres would otherwise use the database collation). */
  binaryOrder(text: string): string;
  /** A timestamptz from an ISO-8601 text with offset (a bound parameter such as `2026-01-01T00:00:00.000Z`). */
  timestamptz(isoText: string): string;
  /** What follows LIMIT for a bound row count (Trino takes a bare parameter, not an expression). */
  limitCount(param: string): string;
  /** A FROM item yielding one row per day from `firstDay` to `lastDay` (DATEs) inclusive, as `gs(g)`; none when either is NULL. */
  daySeries(firstDay: string, lastDay: string): string;
  /** Aggregate: the lower median of a non-NULL expression, an actual value (percentile_disc(0.5)). */
  lowerMedian(expression: string): string;
  /** Aggregate: `text` of each row joined by `separator`, ordered by `orderBy`. */
  stringAgg(text: string, separator: string, orderBy: string): string;
  /** md5 of a text as 32 lower-case hex digits. */
  md5Hex(text: string): string;
}

/**
 * The hooks written the same way on DuckDB and PostgreSQL (both accept these spellings); each
 * dialect spreads them and adds its own. They reproduce exactly the SQL the two engines ran
 * before the hooks existed (tools/contracts/metric-sql-golden.spec.ts holds them to it).
 */
export const STANDARD_SQL_HOOKS: Pick<SqlDialect, 'timestamptz' | 'limitCount' | 'daySeries' | 'lowerMedian' | 'stringAgg' | 'md5Hex'> = {
  timestamptz: (isoText) => `CAST(${isoText} AS TIMESTAMPTZ)`,
  limitCount: (param) => `CAST(${param} AS INTEGER)`,
  daySeries: (firstDay, lastDay) => `generate_series(CAST(${firstDay} AS TIMESTAMP), CAST(${lastDay} AS TIMESTAMP), INTERVAL '1 day') AS gs(g)`,
  lowerMedian: (expression) => `percentile_disc(0.5) WITHIN GROUP (ORDER BY ${expression})`,
  stringAgg: (text, separator, orderBy) => `string_agg(${text}, ${separator} ORDER BY ${orderBy})`,
  md5Hex: (text) => `md5(${text})`,
};
