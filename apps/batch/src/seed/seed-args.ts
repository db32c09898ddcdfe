import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@ledgerline/config';

const seedArgsSchema = z
  .object({
    customers: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    months: z.coerce.number().int().min(1).max(120).default(12),
    /** Overrides GENERATOR_SEED. */
    seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** First simulated month; default: `months` months before the current one (history up to last month). */
    'start-month': z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM').optional(),
    /** Rows per upsert call (one database transaction each). */
    'chunk-size': z.coerce.number().int().min(100).max(100_000).default(10_000),
    /** Print the summary as one JSON line instead of text. */
    json: z.boolean().default(false),
  })
  .strict();

export type SeedArgs = z.infer<typeof seedArgsSchema>;

export const SEED_USAGE = `usage: nx run batch:serve -- seed [--customers <n>] [--months <n>] [--seed <n>] [--start-month YYYY-MM]
                                   [--chunk-size <rows>] [--json]
Generates synthetic customers, accounts and transactions (deterministic for a seed and start month)
and upserts them into the operational store (DATABASE_URL, else PGlite under DATA_DIR).
Running it again with the same arguments changes nothing.`;

/** Command-line flags of `seed`, validated; every problem is reported at once. */
export function parseSeedArgs(argv: string[]): SeedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        customers: { type: 'string' },
        months: { type: 'string' },
        seed: { type: 'string' },
        'start-month': { type: 'string' },
        'chunk-size': { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = seedArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

/** `months` months before the month of `today` (UTC), as YYYY-MM: the history ends last month. */
export function defaultStartMonth(months: number, today: Date = new Date()): string {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, 1));
  return start.toISOString().slice(0, 7);
}
