import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@ledgerline/config';
import { metricsPortOption } from '@ledgerline/metrics';

const sinkArgsSchema = z
  .object({
    /** Largest number of events per database transaction. */
    'max-batch': z.coerce.number().int().min(1).max(100_000).default(2_000),
    /** Seconds between stats lines; 0 disables them. */
    'stats-interval': z.coerce.number().min(0).max(3_600).default(5),
    /**
     * Partitions processed at the same time (each its own database transaction). 2 by default: one
     * batch is decoded while the other waits for its commit, which keeps both cores of a small box
     * busy; more only adds lock and CPU contention in PostgreSQL.
     */
    concurrency: z.coerce.number().int().min(1).max(64).default(2),
    /**
     * Seconds before the broker gives a silent member's partitions to another. Lower means a
     * crashed sink's replacement starts sooner; the broker's minimum is usually 6.
     */
    'session-timeout': z.coerce.number().int().min(1).max(3_600).default(30),
    /** Port of `GET /metrics`; 0 = off. Default SINK_METRICS_PORT (9467); a second sink on the host needs its own. */
    'metrics-port': metricsPortOption,
  })
  .strict();

export type SinkArgs = z.infer<typeof sinkArgsSchema>;

export const SINK_USAGE = 'usage: nx run stream-sink:serve -- [--max-batch <n>] [--stats-interval <s>] [--concurrency <n>] [--session-timeout <s>] [--metrics-port <port>]';

export function parseSinkArgs(argv: string[]): SinkArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        'max-batch': { type: 'string' },
        'stats-interval': { type: 'string' },
        concurrency: { type: 'string' },
        'session-timeout': { type: 'string' },
        'metrics-port': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = sinkArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}
