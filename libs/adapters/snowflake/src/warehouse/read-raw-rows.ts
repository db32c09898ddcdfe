import { z } from 'zod';
import type { SyncColumnType, SyncTableSpec, SyncValue } from '@ledgerline/warehouse-sync';
import type { SnowflakeConnection } from '../client/create-snowflake-connection.ts';
import { quoteIdentifier as q, rawTable } from './sql/identifiers.ts';
import { TIMESTAMP_TEXT_FORMAT_SQL } from './sql/session-sql.ts';

/** A stored RAW row: data columns plus the sync columns, in the port's value types. */
export type SnowflakeRawRow = Record<string, SyncValue> & { _change_seq: bigint; _deleted: boolean; _synced_at: string };

const text = z.string().nullable();
const TIMESTAMP_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}\.\d{6})([+-]\d{2}:\d{2})$/;

/** `2026-10-03 08:15:00.123456+00:00` (TIMESTAMP_TEXT_FORMAT_SQL) -> `2026-10-03T08:15:00.123456+00:00`. */
function isoTimestamp(value: string): string {
  const m = TIMESTAMP_TEXT.exec(value);
  if (!m) throw new TypeError(`unexpected timestamp text from Snowflake: ${value}`);
  return `${m[1]}T${m[2]}${m[3]}`;
}

const FROM_TEXT: Record<SyncColumnType, (value: string) => SyncValue> = {
  string: (v) => v,
  boolean: (v) => v.toUpperCase() === 'TRUE', // BOOLEAN normally arrives as a boolean already
  money: (v) => v, // NUMBER(15,2) as text keeps both decimals: "12.30"
  decimal: (v) => v, // NUMBER(28,8) as text keeps all eight: "0.25000000"
  timestamp: isoTimestamp,
  bigint: (v) => BigInt(v),
  integer: (v) => Number(v),
};

/**
 * Every row of RAW.<table>, tombstones included, in the port's types: money as '12.30',
 * timestamps as ISO-8601 with microseconds, NUMBER(38,0) as bigint. For tests, reconciliation
 * and tools. Sets the session's TIMESTAMP_TZ_OUTPUT_FORMAT (timestamps are read as text: a JS
 * Date would drop microseconds), so give it a session of its own.
 */
export async function readSnowflakeRawRows(
  connection: Pick<SnowflakeConnection, 'execute'>,
  target: { database: string; schema: string },
  spec: SyncTableSpec,
): Promise<SnowflakeRawRow[]> {
  const shape: Record<string, z.ZodType<string | boolean | null>> = { _CHANGE_SEQ: z.string(), _DELETED: z.boolean(), _SYNCED_AT: z.string() };
  for (const c of spec.columns) shape[c.name.toUpperCase()] = c.type === 'boolean' ? z.boolean().nullable() : text;
  const rowSchema = z.object(shape);

  await connection.execute(TIMESTAMP_TEXT_FORMAT_SQL);
  const columns = [...spec.columns.map((c) => q(c.name)), '"_CHANGE_SEQ"', '"_DELETED"', '"_SYNCED_AT"'];
  const { rows } = await connection.execute(`SELECT ${columns.join(', ')} FROM ${rawTable(target, spec.name)} ORDER BY ${q(spec.key)}`, {
    fetchAsString: ['Number', 'Date'],
  });
  return rows.map((raw) => {
    const parsed = rowSchema.parse(raw);
    const row: Record<string, SyncValue> = {};
    for (const c of spec.columns) {
      const value = parsed[c.name.toUpperCase()] ?? null;
      row[c.name] = value === null || typeof value === 'boolean' ? value : FROM_TEXT[c.type](value);
    }
    return {
      ...row,
      _change_seq: BigInt(String(parsed._CHANGE_SEQ)),
      _deleted: parsed._DELETED === true,
      _synced_at: isoTimestamp(String(parsed._SYNCED_AT)),
    };
  });
}
