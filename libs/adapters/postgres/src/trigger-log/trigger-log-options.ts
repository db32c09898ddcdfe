import { z } from 'zod';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const qualifiedTable = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, 'tables are schema.table in lower-case identifiers (no quoting needed)');

/** Options of TriggerLogChangeSource; validated because they come from configuration. */
export const triggerLogSourceOptionsSchema = z.object({
  /**
   * Name of this consumer (default `ledgerline_cdc`): it names the log table
   * (`<name>_log`), the trigger functions and the snapshot record. One name per consumer.
   */
  name: z.string().regex(IDENTIFIER).max(40).default('ledgerline_cdc'),
  /** Tables to capture, `schema.table` (default the operational tables). */
  tables: z.array(qualifiedTable).min(1).default(['public.customers', 'public.accounts', 'public.transactions']),
  /** Rows per snapshot page and log entries per read (one statement each). */
  batchRows: z.number().int().min(1).max(100_000).default(2_000),
  /** How often the stream looks for newly committed entries when the last read found none. */
  pollMs: z.number().int().min(10).max(60_000).default(250),
  /** Table that records a finished snapshot per consumer (shared with the pgoutput source). */
  stateTable: z.string().regex(IDENTIFIER).default('ledgerline_cdc_state'),
});

export type TriggerLogSourceOptions = z.input<typeof triggerLogSourceOptionsSchema>;
export type TriggerLogSourceSettings = z.output<typeof triggerLogSourceOptionsSchema>;
