import { z } from 'zod';
import { moneySchema } from '@ledgerline/transactions';
import type { SyncColumnType, SyncTableSpec } from './sync-table-spec.ts';

/** A column value as it crosses the sync ports (money and timestamps as strings, never floats). */
export type SyncValue = string | number | boolean | bigint | null;

/**
 * One upserted row in RAW-contract shape: the spec's data columns plus `_change_seq`, the
 * Postgres change sequence that last touched the row. `_deleted` and `_synced_at` are
 * written by the warehouse itself.
 */
export type RawRow = { readonly _change_seq: bigint } & { readonly [column: string]: SyncValue };

/** A row deleted in Postgres (from the tombstone table), shipped as a `_deleted` tombstone. */
export interface DeletedKey {
  readonly key: string;
  readonly _change_seq: bigint;
}

const isoTimestamp = z.iso.datetime({ offset: true });

const valueSchemas: Record<SyncColumnType, z.ZodType<SyncValue>> = {
  string: z.string(),
  money: moneySchema,
  timestamp: isoTimestamp,
  boolean: z.boolean(),
  bigint: z.bigint(),
  integer: z.number().int(),
};

/**
 * The zod schema of a RAW row of this table. Adapters validate what they read from an
 * external system with it. The key is required; every other data column may be null,
 * because the warehouse keeps what Postgres has.
 */
export function rawRowSchema(spec: SyncTableSpec): z.ZodType<RawRow> {
  const shape: Record<string, z.ZodType<SyncValue>> = { _change_seq: z.bigint().nonnegative() };
  for (const column of spec.columns) {
    const value = valueSchemas[column.type];
    shape[column.name] = column.name === spec.key ? z.string().min(1) : value.nullable();
  }
  return z.strictObject(shape) as unknown as z.ZodType<RawRow>;
}

export const deletedKeySchema: z.ZodType<DeletedKey> = z.object({
  key: z.string().min(1),
  _change_seq: z.bigint().nonnegative(),
});
