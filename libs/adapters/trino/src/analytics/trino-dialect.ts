import type { SqlDialect } from '@ledgerline/analytics';

const EPOCH = "TIMESTAMP '1970-01-01 00:00:00 UTC'";

/**
 * Trino's side of the shared metric SQL (the session time zone is UTC, trino-client.ts):
 * - timestamps are `timestamp(6) with time zone`; ISO-8601 parameters go through from_iso8601_timestamp
 *   (a CAST does not read the `T...Z` form);
 * - epoch microseconds exactly: whole seconds by date_diff, the six fraction digits from the
 *   timestamp's text (to_unixtime is a double, exact only to about a microsecond today);
 * - DECIMAL(38,0) as the wide integer, whose `/` ROUNDS: integer division subtracts the remainder first;
 * - no generate_series: UNNEST(sequence(first, last)) over dates;
 * - no percentile_disc: the lower median is element ceil(n/2) of the sorted non-NULL values;
 * - listagg instead of string_agg, md5 over varbinary (to_hex is upper-case);
 * - VARCHAR compares by UTF-8 bytes already, as DuckDB does, so no collation is needed.
 */
export const TRINO_DIALECT: SqlDialect = {
  name: 'trino',
  utcDay: (ts) => `CAST(at_timezone(${ts}, 'UTC') AS DATE)`,
  epochMicros: (ts) =>
    `(date_diff('second', ${EPOCH}, date_trunc('second', ${ts})) * 1000000 + CAST(regexp_extract(CAST(CAST(${ts} AS timestamp(6) with time zone) AS VARCHAR), '\\.(\\d{6})', 1) AS BIGINT))`,
  wideIntegerType: 'DECIMAL(38,0)',
  intDiv: (a, b) => `((${a} - ${a} % ${b}) / ${b})`,
  binaryOrder: (text) => text,
  timestamptz: (isoText) => `CAST(from_iso8601_timestamp(${isoText}) AS timestamp(6) with time zone)`,
  limitCount: (param) => param,
  daySeries: (firstDay, lastDay) => `UNNEST(sequence(CAST(${firstDay} AS DATE), CAST(${lastDay} AS DATE))) AS gs(g)`,
  // element_at(..., 0) is an error, so a group without a value yields NULL as percentile_disc does.
  lowerMedian: (expression) =>
    `CASE WHEN count(${expression}) > 0 THEN element_at(array_agg(${expression} ORDER BY ${expression}) FILTER (WHERE ${expression} IS NOT NULL), CAST((count(${expression}) + 1) / 2 AS INTEGER)) END`,
  stringAgg: (text, separator, orderBy) => `listagg(${text}, ${separator}) WITHIN GROUP (ORDER BY ${orderBy})`,
  md5Hex: (text) => `lower(to_hex(md5(to_utf8(${text}))))`,
};
