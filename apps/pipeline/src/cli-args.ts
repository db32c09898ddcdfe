import { z } from 'zod';
import { UsageError } from '@ledgerline/config';

const serveArgsSchema = z.object({
  command: z.enum(['serve', 'status']),
  /** Stop after this many seconds; absent = run until SIGINT/SIGTERM. */
  durationSeconds: z.number().positive().optional(),
  /** Realtime events per second from the producer. */
  rate: z.number().int().min(0).max(1_000_000),
  /** Synthetic customers behind the stream and the statements. */
  customers: z.number().int().min(1).max(100_000),
  /** Seconds between live status lines. */
  statusEverySeconds: z.number().positive(),
  /**
   * `wall`: realtime transactions go out when the wall clock reaches their time (the history up
   * to now first, at --rate), so nothing is future-dated. `fast`: the simulated clock runs at
   * --rate, ahead of the wall clock into the future (demos only; the banner says so).
   */
  clock: z.enum(['wall', 'fast']),
  /** Runs listed by `status`. */
  limit: z.number().int().min(1).max(1000),
  /** Serve the dashboard in this process (`--no-dashboard`: don't). */
  dashboard: z.boolean(),
  /** The dashboard's port (default DASHBOARD_PORT; 0 = a random free port). */
  dashboardPort: z.number().int().min(0).max(65_535).optional(),
});

export type PipelineArgs = z.infer<typeof serveArgsSchema>;

export const USAGE = `usage: nx run pipeline:serve [-- serve] [--duration <s>] [--rate <events/s>] [--customers <n>] [--status-every <s>] [--clock wall|fast]
                                       [--dashboard-port <n>] [--no-dashboard]
       nx run pipeline:serve -- status [--limit <n>]
       nx run pipeline:serve -- flows list|run|history|backfill ...   (flows --help)

  --clock wall|fast      wall (default): nothing is future-dated; fast: a simulated clock ahead of now, for demos
  --dashboard-port <n>   the dashboard this process serves (default DASHBOARD_PORT, 4300; 0 = any free port)
  --no-dashboard         do not serve the dashboard (\`npm run dashboard\` serves it separately)`;

/** Parses `[serve|status] --flag value ...`; unknown flags are an error, never ignored. */
export function parsePipelineArgs(argv: readonly string[]): PipelineArgs {
  const raw: Record<string, unknown> = { command: 'serve', rate: 200, customers: 25, statusEverySeconds: 5, limit: 20, clock: 'wall', dashboard: true };
  const flags: Record<string, string> = {
    '--duration': 'durationSeconds',
    '--rate': 'rate',
    '--customers': 'customers',
    '--status-every': 'statusEverySeconds',
    '--limit': 'limit',
    '--clock': 'clock',
    '--dashboard-port': 'dashboardPort',
  };
  const textFlags = new Set(['clock']);
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === 'serve' || arg === 'status') {
      raw.command = arg;
      continue;
    }
    if (arg === '--no-dashboard') {
      raw.dashboard = false;
      continue;
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const key = flags[flag];
    if (!key) throw new UsageError(`unknown argument '${arg}'\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    if (textFlags.has(key)) {
      raw[key] = value;
      continue;
    }
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) throw new UsageError(`${flag} expects a number, got '${value}'`);
    raw[key] = parsed;
  }
  const result = serveArgsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`invalid ${String(issue?.path[0] ?? 'argument')}: ${issue?.message ?? 'invalid'}\n${USAGE}`);
  }
  return result.data;
}
