import { z } from 'zod';
import { CHANGE_OPS, type ColumnValue } from './row-change.ts';

const columnValueSchema: z.ZodType<ColumnValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(columnValueSchema), z.record(z.string(), columnValueSchema)]),
);
const rowImageSchema = z.record(z.string(), columnValueSchema);

/** Debezium's `source.snapshot` values (it writes them as strings); we emit `true` and `false`. */
export const SNAPSHOT_MARKERS = ['true', 'first', 'first_in_data_collection', 'last_in_data_collection', 'last', 'false', 'incremental'] as const;

/** `source` block: where in the database a change came from (Debezium's field names). */
export const changeSourceInfoSchema = z.object({
  connector: z.string(),
  db: z.string(),
  schema: z.string(),
  table: z.string(),
  /** WAL position as a number, as Debezium writes it. */
  lsn: z.number().int().nonnegative(),
  txId: z.number().int().nonnegative().nullable(),
  ts_ms: z.number().int().nonnegative(),
  snapshot: z.enum(SNAPSHOT_MARKERS),
});

/**
 * The value of a change event, shaped like Debezium's Postgres connector with the JSON converter
 * and `schemas.enable=false`, so consumers written for Debezium read it unchanged.
 */
export const changeEventSchema = z
  .object({
    before: rowImageSchema.nullable(),
    after: rowImageSchema.nullable(),
    op: z.enum(CHANGE_OPS),
    /** When the capture process shaped the event. */
    ts_ms: z.number().int().nonnegative(),
    source: changeSourceInfoSchema,
  })
  .superRefine((event, ctx) => {
    const needs: Record<(typeof CHANGE_OPS)[number], { before: boolean | null; after: boolean }> = {
      c: { before: false, after: true },
      r: { before: false, after: true },
      u: { before: null, after: true },
      d: { before: true, after: false },
      t: { before: false, after: false },
    };
    const rule = needs[event.op];
    if (rule.after !== (event.after !== null)) ctx.addIssue({ code: 'custom', path: ['after'], message: `op ${event.op} ${rule.after ? 'needs' : 'must not have'} an after image` });
    if (rule.before !== null && rule.before !== (event.before !== null)) ctx.addIssue({ code: 'custom', path: ['before'], message: `op ${event.op} ${rule.before ? 'needs' : 'must not have'} a before image` });
  });

export type ChangeEvent = z.infer<typeof changeEventSchema>;
export type ChangeSourceInfo = z.infer<typeof changeSourceInfoSchema>;

export type DecodedChangeEvent = { ok: true; event: ChangeEvent } | { ok: false; error: string };

/** Parses a change event's JSON value; a refusal names the first bad field. */
export function decodeChangeEvent(value: string | Buffer): DecodedChangeEvent {
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = changeEventSchema.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
}
