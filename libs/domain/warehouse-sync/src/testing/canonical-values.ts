import type { SyncValue } from '../tables/raw-row.ts';
import type { SyncTableSpec } from '../tables/sync-table-spec.ts';

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO-8601 instant in one canonical form (UTC, microseconds: `2026-10-03T08:15:00.123456Z`),
 * so that backends may print timestamps differently and still compare equal. Keeps microseconds,
 * which Date would drop.
 */
export function canonicalTimestamp(iso: string): string {
  const m = ISO.exec(iso);
  if (!m) throw new RangeError(`not an ISO-8601 timestamp with offset: ${iso}`);
  const [, date, hh, mm, ss, fraction = '', offset] = m;
  const micros = BigInt((fraction + '000000').slice(0, 6));
  const wholeSecondsMs = Date.parse(`${date}T${hh}:${mm}:${ss}${offset === 'Z' ? 'Z' : normaliseOffset(offset ?? 'Z')}`);
  if (Number.isNaN(wholeSecondsMs)) throw new RangeError(`not a valid instant: ${iso}`);
  const utc = new Date(wholeSecondsMs).toISOString().slice(0, 19);
  return `${utc}.${micros.toString().padStart(6, '0')}Z`;
}

function normaliseOffset(offset: string): string {
  return offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
}

/** A row with timestamps canonicalised by the spec's column types, for equality checks. */
export function canonicalRow(spec: SyncTableSpec, row: Readonly<Record<string, SyncValue>>): Record<string, SyncValue> {
  const out: Record<string, SyncValue> = { ...row };
  for (const column of spec.columns) {
    const value = row[column.name];
    if (column.type === 'timestamp' && typeof value === 'string') out[column.name] = canonicalTimestamp(value);
  }
  return out;
}
