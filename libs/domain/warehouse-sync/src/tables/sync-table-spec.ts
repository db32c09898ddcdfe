import { z } from 'zod';

/**
 * Logical column types of the RAW contract. Each backend maps them to its own SQL types
 * (`money` -> decimal(15,2), `decimal` -> decimal(28,8), `timestamp` -> timestamptz, ...); values cross the ports as
 * the house conventions say: money and timestamps as strings, bigint as bigint.
 */
export const SYNC_COLUMN_TYPES = ['string', 'money', 'decimal', 'timestamp', 'boolean', 'bigint', 'integer'] as const;
export type SyncColumnType = (typeof SYNC_COLUMN_TYPES)[number];

/** Names the RAW contract reserves for the columns the sync itself maintains. */
export const SYSTEM_COLUMNS = ['_change_seq', '_deleted', '_synced_at'] as const;

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'expected a lower-case snake_case SQL identifier');

export const syncColumnSchema = z.object({
  name: identifier.refine((n) => !n.startsWith('_'), 'names starting with _ are reserved for sync columns'),
  type: z.enum(SYNC_COLUMN_TYPES),
});

/**
 * One synchronised table: the same name in Postgres and in the warehouse `raw` schema, a
 * single-column business key, and the data columns (the key among them). Specs are
 * configuration, so they are validated like any other edge input.
 */
export const syncTableSpecSchema = z
  .object({
    name: identifier,
    key: identifier,
    columns: z.array(syncColumnSchema).min(1),
  })
  .superRefine((spec, ctx) => {
    const names = spec.columns.map((c) => c.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) ctx.addIssue({ code: 'custom', message: `duplicate column ${duplicate}`, path: ['columns'] });
    const key = spec.columns.find((c) => c.name === spec.key);
    if (!key) ctx.addIssue({ code: 'custom', message: `key ${spec.key} is not one of the columns`, path: ['key'] });
    else if (key.type !== 'string') ctx.addIssue({ code: 'custom', message: 'the key column must be a string', path: ['key'] });
  });

export type SyncColumn = z.infer<typeof syncColumnSchema>;
export type SyncTableSpec = z.infer<typeof syncTableSpecSchema>;

/** Validates specs (e.g. from configuration) and rejects two specs for the same table. */
export function parseSyncTableSpecs(specs: unknown): SyncTableSpec[] {
  const parsed = z.array(syncTableSpecSchema).parse(specs);
  const names = parsed.map((s) => s.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`sync table ${duplicate} is configured twice`);
  return parsed;
}
