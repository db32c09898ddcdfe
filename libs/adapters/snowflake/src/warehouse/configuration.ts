import { z } from 'zod';

const identifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'expected a plain Snowflake identifier (letters, digits, _ and $)')
  .transform((name) => name.toUpperCase());

/**
 * How the Snowflake warehouse loads. Connection settings (account, user, key or password) are
 * `snowflakeConfigSchema`; this is what the adapter itself decides.
 */
export const snowflakeWarehouseSettingsSchema = z.object({
  /** Where the RAW contract lives; upper-cased like Snowflake's unquoted identifiers. */
  database: identifier.default('LEDGERLINE'),
  schema: identifier.default('RAW'),
  /**
   * Batches with more rows (upserts + tombstones) than this go through a CSV file, PUT and
   * COPY INTO; smaller ones through array-bound INSERTs.
   */
  stagedFileThreshold: z.number().int().min(1).default(10_000),
  /**
   * Bind values per INSERT. Kept below CLIENT_STAGE_ARRAY_BINDING_THRESHOLD (65,280 on real
   * accounts): above it the driver would create a temporary SYSTEM$BIND stage, DDL that runs
   * outside our control.
   */
  maxBindValuesPerInsert: z.number().int().min(100).max(65_000).default(60_000),
  /** Where CSV files for the staged path are written (a private temp dir per batch); OS temp dir by default. */
  stagingDir: z.string().min(1).optional(),
  /** Lease of the sync lock; renewed every third of it while the sync runs, taken over once expired. */
  lockTtlSeconds: z.number().int().min(1).max(86_400).default(900),
  /** Whole-unit retries on transient errors (see errors.ts). */
  retry: z
    .object({
      attempts: z.number().int().min(1).max(20).default(4),
      initialDelayMs: z.number().int().min(0).max(60_000).default(1_000),
      maxDelayMs: z.number().int().min(0).max(300_000).default(30_000),
    })
    .default({ attempts: 4, initialDelayMs: 1_000, maxDelayMs: 30_000 }),
  /** QUERY_TAG prefix; the table (or `schema`, `lock`) is appended: `ledgerline:warehouse-sync:transactions`. */
  queryTagPrefix: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,200}$/, 'letters, digits and : _ . - only')
    .default('ledgerline:warehouse-sync'),
});

export type SnowflakeWarehouseSettings = z.output<typeof snowflakeWarehouseSettingsSchema>;
export type SnowflakeWarehouseSettingsInput = z.input<typeof snowflakeWarehouseSettingsSchema>;
