import type { ChangeEvent } from '../events/change-event.ts';

/**
 * The landing zone's file layout: the contract between the landing writer (Kafka -> Parquet ->
 * object store) and the loader (object store -> warehouse). Both sides import it from here, so a
 * change to the layout is a change to this one file.
 *
 * Key: `<prefix>/<schema>.<table>/dt=YYYY-MM-DD/<partition>-<firstOffset>-<lastOffset>.parquet`
 * - dt is the UTC date of the first event's `source.ts_ms`;
 * - offsets are the Kafka offsets of the first and last message in the file, decimal, unpadded.
 * The name is a pure function of Kafka positions, so a writer retrying after a crash rewrites the
 * same key instead of adding a second file with the same rows.
 */
export const DEFAULT_LANDING_PREFIX = 'cdc';

/** Parquet columns, one row per change event in offset order. */
export const LANDING_COLUMNS = [
  { name: 'topic', type: 'VARCHAR', nullable: false },
  { name: 'partition', type: 'INTEGER', nullable: false },
  { name: 'offset', type: 'BIGINT', nullable: false },
  { name: 'op', type: 'VARCHAR', nullable: false },
  /** The Kafka key as JSON text (the primary key); null for a null key (truncate events). */
  { name: 'key_json', type: 'VARCHAR', nullable: true },
  { name: 'before_json', type: 'VARCHAR', nullable: true },
  { name: 'after_json', type: 'VARCHAR', nullable: true },
  { name: 'source_schema', type: 'VARCHAR', nullable: false },
  { name: 'source_table', type: 'VARCHAR', nullable: false },
  { name: 'lsn', type: 'BIGINT', nullable: false },
  { name: 'tx_id', type: 'BIGINT', nullable: true },
  { name: 'source_ts_ms', type: 'BIGINT', nullable: false },
  { name: 'ts_ms', type: 'BIGINT', nullable: false },
  { name: 'snapshot', type: 'VARCHAR', nullable: false },
] as const;

export type LandingColumnName = (typeof LANDING_COLUMNS)[number]['name'];

/** One Parquet row. Offsets are bigint (Kafka offsets are 64-bit); the rest fit a JS number. */
export interface LandingRow {
  topic: string;
  partition: number;
  offset: bigint;
  op: string;
  key_json: string | null;
  before_json: string | null;
  after_json: string | null;
  source_schema: string;
  source_table: string;
  lsn: number;
  tx_id: number | null;
  source_ts_ms: number;
  ts_ms: number;
  snapshot: string;
}

/** `"topic" VARCHAR NOT NULL, ...`: the column list for a SQL table holding landing rows (names quoted: offset is a keyword). */
export function landingColumnsSql(): string {
  return LANDING_COLUMNS.map((c) => `"${c.name}" ${c.type}${c.nullable ? '' : ' NOT NULL'}`).join(', ');
}

/** The landing row for one Kafka message carrying a change event. */
export function landingRow(message: { topic: string; partition: number; offset: bigint; key: string | null }, event: ChangeEvent): LandingRow {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    op: event.op,
    key_json: message.key,
    before_json: event.before === null ? null : JSON.stringify(event.before),
    after_json: event.after === null ? null : JSON.stringify(event.after),
    source_schema: event.source.schema,
    source_table: event.source.table,
    lsn: event.source.lsn,
    tx_id: event.source.txId,
    source_ts_ms: event.source.ts_ms,
    ts_ms: event.ts_ms,
    snapshot: event.source.snapshot,
  };
}

export interface LandingFileKey {
  prefix: string;
  schema: string;
  table: string;
  /** YYYY-MM-DD (UTC). */
  dt: string;
  partition: number;
  firstOffset: bigint;
  lastOffset: bigint;
}

const NAME_PART = /^[A-Za-z0-9_-]+$/;
const PREFIX = /^[A-Za-z0-9_=.-]+(\/[A-Za-z0-9_=.-]+)*$/;
const KEY = /^(.+)\/([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\/dt=(\d{4}-\d{2}-\d{2})\/(0|[1-9]\d*)-(0|[1-9]\d*)-(0|[1-9]\d*)\.parquet$/;

/** The UTC calendar date of an epoch-milliseconds instant, `YYYY-MM-DD`. */
export function landingDate(tsMs: number): string {
  if (!Number.isSafeInteger(tsMs) || tsMs < 0) throw new Error(`landing date needs a non-negative epoch-ms integer, got ${tsMs}`);
  return new Date(tsMs).toISOString().slice(0, 10);
}

/** The object key of a landing file; refuses parts that would make the key ambiguous to parse back. */
export function landingFileKey(parts: LandingFileKey): string {
  const { prefix, schema, table, dt, partition, firstOffset, lastOffset } = parts;
  if (!PREFIX.test(prefix) || prefix.split('/').some((p) => p === '.' || p === '..')) throw new Error(`landing prefix ${JSON.stringify(prefix)} must be path segments of [A-Za-z0-9_=.-]`);
  for (const [what, part] of [['schema', schema], ['table', table]] as const) {
    // A dot inside schema or table would make `<schema>.<table>` ambiguous.
    if (!NAME_PART.test(part)) throw new Error(`landing ${what} ${JSON.stringify(part)} must match [A-Za-z0-9_-]+`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dt) || landingDate(Date.parse(`${dt}T00:00:00Z`)) !== dt) throw new Error(`landing dt ${JSON.stringify(dt)} is not a YYYY-MM-DD date`);
  if (!Number.isSafeInteger(partition) || partition < 0) throw new Error(`landing partition ${partition} must be a non-negative integer`);
  if (firstOffset < 0n || lastOffset < firstOffset) throw new Error(`landing offsets ${firstOffset}-${lastOffset} must satisfy 0 <= first <= last`);
  return `${prefix}/${schema}.${table}/dt=${dt}/${partition}-${firstOffset}-${lastOffset}.parquet`;
}

/**
 * Reads a landing key back; undefined for any key that is not one (a quarantine report, a stray
 * upload). With `prefix`, only keys directly under that prefix count.
 */
export function parseLandingFileKey(key: string, prefix?: string): LandingFileKey | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  const [, keyPrefix, schema, table, dt, partition, first, last] = match as unknown as [string, string, string, string, string, string, string, string];
  if (prefix !== undefined && keyPrefix !== prefix) return undefined;
  const parsed: LandingFileKey = { prefix: keyPrefix, schema, table, dt, partition: Number(partition), firstOffset: BigInt(first), lastOffset: BigInt(last) };
  try {
    // Round trip: the parse accepts exactly what the builder writes.
    return landingFileKey(parsed) === key ? parsed : undefined;
  } catch {
    return undefined;
  }
}
