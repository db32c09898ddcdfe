import { singleEvaluationMacros } from './single-evaluation-macros.ts';
import { DuckDBStructType, DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

/**
 * Snowflake's TIMESTAMP_TZ keeps, per value, the instant to the nanosecond and the offset it was
 * written with. DuckDB's TIMESTAMPTZ keeps neither (UTC microseconds), so a TIMESTAMP_TZ column
 * is stored as this struct: the UTC instant as TIMESTAMP_NS and the offset in minutes. The
 * instant comes first, so ordering, MIN/MAX and `<` between two such values follow the instant.
 */
export const TIMESTAMP_TZ_STORAGE = 'STRUCT(sf_utc TIMESTAMP_NS, sf_offset SMALLINT)';

/** DESCRIBE prints the storage type as text: `STRUCT(sf_utc TIMESTAMP_NS, sf_offset SMALLINT)`. */
export function isTimestampTzTypeName(typeName: string): boolean {
  return /^STRUCT\("?sf_utc"? TIMESTAMP_NS, "?sf_offset"? SMALLINT\)$/i.test(typeName.trim());
}

export function isTimestampTzType(type: DuckDBType): boolean {
  if (type.typeId !== DuckDBTypeId.STRUCT || !(type instanceof DuckDBStructType)) return false;
  return (
    type.entryCount === 2 &&
    type.entryNames[0] === 'sf_utc' &&
    type.entryTypes[0]?.typeId === DuckDBTypeId.TIMESTAMP_NS &&
    type.entryNames[1] === 'sf_offset' &&
    type.entryTypes[1]?.typeId === DuckDBTypeId.SMALLINT
  );
}

// `2026-01-01`, `2026-01-01T10:00`, `2026-01-01 10:00:00.123456789 +05:30`, `...Z`, `...-0800`,
// `...+00` (DuckDB's own TIMESTAMPTZ text, so CURRENT_TIMESTAMP converts too).
export const TEXT_PATTERN = String.raw`^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$`;
export const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * `sf_tz(x)`: any value (text, TIMESTAMPTZ, TIMESTAMP, or already a stored TIMESTAMP_TZ) -> the
 * storage struct. It goes through the value's text, the one form every input type has: a text
 * without offset is in the session time zone, which the emulator keeps at UTC. Text Snowflake
 * cannot read fails as Snowflake fails ("Timestamp '...' is not recognized").
 */
const MACROS = [
  `CREATE OR REPLACE TEMP MACRO sf_tz_offset_minutes(z) AS CASE WHEN z = '' OR z = 'Z' THEN 0
     ELSE (CASE WHEN z[1] = '-' THEN -1 ELSE 1 END) * (CAST(z[2:3] AS INTEGER) * 60 + COALESCE(CAST(NULLIF(replace(z[4:], ':', ''), '') AS INTEGER), 0)) END`,
  `CREATE OR REPLACE TEMP MACRO sf_tz_build(p) AS {
     'sf_utc': make_timestamp_ns(epoch_ns(CAST(p.day || ' ' || COALESCE(NULLIF(p.time, ''), '00:00:00') AS TIMESTAMP_NS)) - sf_tz_offset_minutes(p.zone) * 60000000000),
     'sf_offset': CAST(sf_tz_offset_minutes(p.zone) AS SMALLINT)}`,
  `CREATE OR REPLACE TEMP MACRO sf_tz_from_text(t) AS CASE
     WHEN t IS NULL THEN NULL
     WHEN starts_with(t, '{''sf_utc'': ') THEN {
       'sf_utc': CAST(regexp_extract(t, '''sf_utc'': ''([^'']*)''', 1) AS TIMESTAMP_NS),
       'sf_offset': CAST(regexp_extract(t, '''sf_offset'': (-?[0-9]+)', 1) AS SMALLINT)}
     WHEN regexp_full_match(t, ${sqlString(TEXT_PATTERN)}) THEN sf_tz_build(regexp_extract(t, ${sqlString(TEXT_PATTERN)}, ['day', 'time', 'zone']))
     ELSE error('Timestamp ''' || t || ''' is not recognized')
   END`,
  `CREATE OR REPLACE TEMP MACRO sf_tz(x) AS sf_tz_from_text(CAST(x AS VARCHAR))`,
  // CONVERT_TIMEZONE(zone, x): the same instant at the zone's offset at that instant.
  `CREATE OR REPLACE TEMP MACRO sf_tz_at_zone(z, u) AS {'sf_utc': u,
     'sf_offset': CAST(round((epoch(timezone(z, CAST(u AS TIMESTAMPTZ))) - epoch(CAST(u AS TIMESTAMP))) / 60) AS SMALLINT)}`,
  `CREATE OR REPLACE TEMP MACRO sf_tz_convert(z, x) AS sf_tz_at_zone(z, struct_extract(sf_tz(x), 'sf_utc'))`,
  // x::TIMESTAMP_NTZ: a TIMESTAMP_TZ gives its wall-clock time at its own offset (as Snowflake),
  // anything else converts as DuckDB casts its text (an offset in the text is applied: UTC session).
  `CREATE OR REPLACE TEMP MACRO sf_ntz_from_text(t) AS CASE
     WHEN t IS NULL THEN NULL
     WHEN starts_with(t, '{''sf_utc'': ') THEN CAST(make_timestamp_ns(
       epoch_ns(CAST(regexp_extract(t, '''sf_utc'': ''([^'']*)''', 1) AS TIMESTAMP_NS)) + CAST(regexp_extract(t, '''sf_offset'': (-?[0-9]+)', 1) AS BIGINT) * 60000000000) AS TIMESTAMP)
     ELSE CAST(t AS TIMESTAMP)
   END`,
  `CREATE OR REPLACE TEMP MACRO sf_ntz(x) AS sf_ntz_from_text(CAST(x AS VARCHAR))`,
];

/** Temp macros live per connection, and are found whatever the current schema is. */
export async function installTimestampTzMacros(connection: DuckDBConnection): Promise<void> {
  for (const sql of [...MACROS, ...singleEvaluationMacros()]) await connection.run(sql);
}
