import {
  DuckDBArrayValue,
  DuckDBBlobValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimeNSValue,
  DuckDBTimeValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SnowflakeType } from './column-metadata.ts';

/** Snowflake encodes a TIMESTAMP_TZ's offset as minutes + 1440 (1440 is UTC, e.g. for a DuckDB TIMESTAMPTZ). */
const UTC_OFFSET_INDEX = 1440;

/**
 * One cell of a JSON rowset, in the wire encoding the driver decodes
 * (lib/connection/result/column.js): numbers as decimal strings, booleans "1"/"0", DATE as
 * days since epoch, TIME/TIMESTAMP_NTZ as epoch seconds with 9 fraction digits,
 * TIMESTAMP_TZ as "<epoch seconds> <offset index>", BINARY as upper-case hex, VARIANT as JSON.
 */
export function formatValue(value: DuckDBValue, type: SnowflakeType): string | null {
  if (value === null) return null;
  switch (type) {
    case 'boolean':
      return value === true ? '1' : '0';
    case 'fixed':
    case 'real':
      return formatNumber(value);
    case 'date':
      return value instanceof DuckDBDateValue ? String(value.days) : String(value);
    case 'time':
      if (value instanceof DuckDBTimeValue) return epochFraction(value.micros, 1_000_000n);
      if (value instanceof DuckDBTimeNSValue) return epochFraction(value.nanos, 1_000_000_000n);
      return String(value);
    case 'timestamp_ntz':
      return timestampSeconds(value);
    case 'timestamp_tz':
      return timestampTz(value);
    case 'binary':
      return value instanceof DuckDBBlobValue ? Buffer.from(value.bytes).toString('hex').toUpperCase() : String(value);
    case 'variant':
      return typeof value === 'string' ? value : JSON.stringify(toJson(value));
    case 'array':
    case 'object':
      return JSON.stringify(toJson(value));
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

function formatNumber(value: DuckDBValue): string {
  if (value instanceof DuckDBDecimalValue) return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  }
  return String(value);
}

/** A stored TIMESTAMP_TZ (timestamp-tz.ts) keeps its offset; a DuckDB TIMESTAMPTZ is UTC. */
function timestampTz(value: DuckDBValue): string | null {
  if (value instanceof DuckDBStructValue) {
    const { sf_utc: utc, sf_offset: offset } = value.entries;
    if (utc === null || utc === undefined) return null;
    return `${timestampSeconds(utc)} ${UTC_OFFSET_INDEX + Number(offset ?? 0)}`;
  }
  return `${timestampSeconds(value)} ${UTC_OFFSET_INDEX}`;
}

function timestampSeconds(value: DuckDBValue): string {
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) return epochFraction(value.micros, 1_000_000n);
  if (value instanceof DuckDBTimestampMillisecondsValue) return epochFraction(value.millis, 1_000n);
  if (value instanceof DuckDBTimestampSecondsValue) return epochFraction(value.seconds, 1n);
  if (value instanceof DuckDBTimestampNanosecondsValue) return epochFraction(value.nanos, 1_000_000_000n);
  return String(value);
}

/** `ticks` units since epoch -> "<seconds>.<9 fraction digits>", flooring for negatives. */
export function epochFraction(ticks: bigint, perSecond: bigint): string {
  let seconds = ticks / perSecond;
  let remainder = ticks % perSecond;
  if (remainder < 0n) {
    seconds -= 1n;
    remainder += perSecond;
  }
  const nanos = (remainder * 1_000_000_000n) / perSecond;
  return `${seconds}.${nanos.toString().padStart(9, '0')}`;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function toJson(value: DuckDBValue): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue) return value.items.map(toJson);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toJson(v)]));
  }
  if (value instanceof DuckDBMapValue) return Object.fromEntries(value.entries.map((e) => [String(e.key), toJson(e.value)]));
  return value.toString();
}
