import { parseArgvOrRefuse, UsageError } from '@ledgerline/config';

export const FLOWS_USAGE = `usage: nx run pipeline:serve -- flows list
       nx run pipeline:serve -- flows run <name> [--queue-only] [--timeout <s>]
       nx run pipeline:serve -- flows history [<name>] [--limit <n>]
       nx run pipeline:serve -- flows backfill <name> --from YYYY-MM-DD --to YYYY-MM-DD [--queue-only] [--timeout <s>]`;

export const FLOWS_HELP = `The pipeline's named flows (scheduled work on the job library, pg-boss on this database).
${FLOWS_USAGE}

  list       every flow with its schedule, whether it backfills, and what it does
  run        queues one run now and executes it in this process, waiting until it settles
             (exit 0 succeeded, 1 failed after its retries); --queue-only leaves it to the
             running main job (PostgreSQL: DATABASE_URL) instead
  history    recent runs, newest first: state, attempts, start, end, duration, rows, error
  backfill   one run per day of the range; days that already have a run are not queued again
  --timeout  seconds to wait for the runs to settle (default 3600)
`;

export type FlowsArgs =
  | { sub: 'list' }
  | { sub: 'run'; flow: string; queueOnly: boolean; timeoutSeconds: number }
  | { sub: 'history'; flow?: string; limit: number }
  | { sub: 'backfill'; flow: string; from: string; to: string; queueOnly: boolean; timeoutSeconds: number };

const positiveInt = (flag: string, value: string | undefined, fallback: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag} must be a whole number from 1 to ${max}, got '${value}'`);
  return n;
};

/** Parses the words after `flows`; a missing or extra word is a UsageError naming it. */
export function parseFlowsArgs(argv: readonly string[]): FlowsArgs {
  const { values, positionals } = parseArgvOrRefuse({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      limit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      timeout: { type: 'string' },
      'queue-only': { type: 'boolean', default: false },
    },
  });
  const [sub, name, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const timeoutSeconds = positiveInt('--timeout', values.timeout, 3600, 86_400);
  const queueOnly = values['queue-only'] ?? false;
  switch (sub) {
    case 'list':
      if (name) throw new UsageError(`flows list takes no name (got '${name}')`);
      return { sub };
    case 'run':
      if (!name) throw new UsageError('flows run needs a flow name (see `flows list`)');
      return { sub, flow: name, queueOnly, timeoutSeconds };
    case 'history':
      return { sub, ...(name ? { flow: name } : {}), limit: positiveInt('--limit', values.limit, 20, 1000) };
    case 'backfill':
      if (!name) throw new UsageError('flows backfill needs a flow name (see `flows list`)');
      if (!values.from || !values.to) throw new UsageError('flows backfill needs --from YYYY-MM-DD and --to YYYY-MM-DD');
      return { sub, flow: name, from: values.from, to: values.to, queueOnly, timeoutSeconds };
    case undefined:
      throw new UsageError('flows needs a command: list, run, history or backfill');
    default:
      throw new UsageError(`unknown flows command '${sub}' (list, run, history, backfill)`);
  }
}
