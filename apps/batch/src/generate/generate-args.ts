import { parseArgs } from 'node:util';
import { z } from 'zod';
import { STATEMENT_FORMATS } from '@ledgerline/ingestion';
import { UsageError } from '@ledgerline/config';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

const generateArgsSchema = z
  .object({
    /** First statement month; default: last month. */
    month: month.optional(),
    /** Statement months from --month on. */
    months: z.coerce.number().int().min(1).max(120).default(1),
    customers: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    /** Overrides GENERATOR_SEED. */
    seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** First simulated month (as given to `seed`); default: --month. */
    'start-month': month.optional(),
    formats: z
      .string()
      .transform((v) => [...new Set(v.split(',').map((f) => f.trim().toLowerCase()))])
      .pipe(z.array(z.enum(STATEMENT_FORMATS)).min(1))
      .default(['csv', 'pdf']),
    /** Output folder; default DATA_DIR/incoming. */
    out: z.string().min(1).optional(),
    json: z.boolean().default(false),
  })
  .strict();

export type GenerateArgs = z.infer<typeof generateArgsSchema>;

export const GENERATE_USAGE = `usage: nx run batch:serve -- generate [--month YYYY-MM] [--months <n>] [--customers <n>] [--seed <n>]
                                       [--start-month YYYY-MM] [--formats csv,pdf] [--out <dir>] [--json]
Writes one CSV and/or PDF statement per account and month (default: last month) into --out
(default DATA_DIR/incoming), atomically, so an ingester watching the folder never sees half a file.
Statements come from the same generator as seed and the stream: with the same --seed, --customers
and --start-month as the seed run, their tx_ids are the stored ones and ingesting them adds nothing.
Opening balances are replayed from --start-month (default: --month) on.`;

/** Command-line flags of `generate`, validated; every problem is reported at once. */
export function parseGenerateArgs(argv: string[]): GenerateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        month: { type: 'string' },
        months: { type: 'string' },
        customers: { type: 'string' },
        seed: { type: 'string' },
        'start-month': { type: 'string' },
        formats: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = generateArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

/** The calendar month before `today` (UTC), as YYYY-MM. */
export function previousMonth(today: Date = new Date()): string {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}
