import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@ledgerline/config';
import { metricsPortOption } from '@ledgerline/metrics';

const positiveNumber = z.coerce.number().positive();

const producerArgsSchema = z
  .object({
    /** Events per second; absent = as fast as the broker accepts. */
    rate: positiveNumber.optional(),
    /** Seconds to run. */
    duration: positiveNumber.optional(),
    count: z.coerce.number().int().positive().optional(),
    'poison-rate': z.coerce.number().min(0).max(1).default(0),
    /** Simulated customers (their accounts are the event keys). */
    customers: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
    /** Overrides GENERATOR_SEED. */
    seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
    /** First simulated month (YYYY-MM); default: the current month. */
    'start-month': z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM').optional(),
    /** Port of `GET /metrics` (0 = off); default PRODUCER_METRICS_PORT (9471). */
    'metrics-port': metricsPortOption,
  })
  .strict();

export type ProducerArgs = z.infer<typeof producerArgsSchema>;

export const PRODUCER_USAGE = `usage: nx run producer:serve -- [--rate <events/s>] [--duration <s>] [--count <n>]
                              [--poison-rate <0..1>] [--customers <n>] [--seed <n>] [--start-month YYYY-MM]
                              [--metrics-port <port>]   (default PRODUCER_METRICS_PORT 9471; 0 = off)
Without --count and --duration the producer runs until SIGINT/SIGTERM.`;

/** Command-line flags, validated; every problem is reported at once. */
export function parseProducerArgs(argv: string[]): ProducerArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        rate: { type: 'string' },
        duration: { type: 'string' },
        count: { type: 'string' },
        'poison-rate': { type: 'string' },
        customers: { type: 'string' },
        seed: { type: 'string' },
        'start-month': { type: 'string' },
        'metrics-port': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = producerArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}
