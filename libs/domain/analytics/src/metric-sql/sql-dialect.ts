/**
 * The few places where DuckDB and PostgreSQL SQL differ, for metric and fingerprint SQL written
 * once (metric-sql/*). Everything else the builders emit is common to both: `$n` parameters,
 * CAST(... AS VARCHAR/DATE/DECIMAL(38,2)/DOUBLE PRECISION), FILTER (WHERE ...), date_trunc,
 * generate_series, strpos, md5, string_agg(... ORDER BY ...), percentile_disc ... WITHIN GROUP.
 */
export interface SqlDialect {
  readonly name: 'duckdb' | 'postgres';
  /** The UTC calendar day (DATE) of a timestamptz expression. */
  utcDay(timestamptz: string): string;
  /** Microseconds since the epoch (BIGINT) of a timestamptz, exactly. */
  epochMicros(timestamptz: string): string;
  /** An exact integer type wide enough for cents x FX units x 10^scale (about 10^27). */
  readonly wideIntegerType: string;
  /** Integer division of two wide integers, truncating. */
  intDiv(numerator: string, denominator: string): string;
  /** A text expression ordered byte-wise (Postgres would otherwise use the database collation). */
  binaryOrder(text: string): string;
}
