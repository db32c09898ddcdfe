import { z } from 'zod';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const qualifiedTable = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, 'tables are schema.table in lower-case identifiers (no quoting needed)');

/** Options of createPgoutputChangeSource; validated because they come from configuration. */
export const pgoutputSourceOptionsSchema = z.object({
  /** A role with REPLICATION (or superuser) on the database to capture. */
  url: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Replication slot name (default `ledgerline_cdc`). One slot per consumer. */
  slot: z.string().regex(IDENTIFIER, 'expected a lower-case identifier ([a-z_][a-z0-9_]*)').max(63, 'expected at most 63 characters (a PostgreSQL identifier)').default('ledgerline_cdc'),
  /** Publication name (default `ledgerline_cdc`), created for `tables` if missing. */
  publication: z.string().regex(IDENTIFIER, 'expected a lower-case identifier ([a-z_][a-z0-9_]*)').max(63, 'expected at most 63 characters (a PostgreSQL identifier)').default('ledgerline_cdc'),
  /** Tables to capture, `schema.table` (default the operational tables). */
  tables: z.array(qualifiedTable).min(1, 'expected at least one schema.table').default(['public.customers', 'public.accounts', 'public.transactions']),
  /**
   * Set REPLICA IDENTITY FULL on each captured table when the publication is created (default
   * true): deletes and updates then carry every old column, and unchanged TOASTed columns are
   * filled in from the old row. With false (DEFAULT identity) `before` holds the key only and an
   * unchanged TOASTed column is sent as `__debezium_unavailable_value`.
   */
  replicaIdentityFull: z.boolean().default(true),
  /** Rows per snapshot batch (one FETCH, one publish). */
  snapshotBatchRows: z.number().int().min(1).max(100_000).default(5_000),
  /** Table that records a finished snapshot per slot (created if missing). */
  stateTable: z.string().regex(IDENTIFIER).default('ledgerline_cdc_state'),
});

export type PgoutputSourceOptions = z.input<typeof pgoutputSourceOptionsSchema>;
export type PgoutputSourceSettings = z.output<typeof pgoutputSourceOptionsSchema>;

/** Prefix of the logical messages the source writes as heartbeats (and recognises in the stream). */
export const HEARTBEAT_PREFIX = 'ledgerline.cdc.heartbeat';
