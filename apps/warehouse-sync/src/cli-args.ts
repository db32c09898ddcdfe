import { parseArgvOrRefuse, UsageError } from '@ledgerline/config';
import { metricsPortOption } from '@ledgerline/metrics';
import { z } from 'zod';

export interface SyncCliArgs {
  /** One sync (and dbt build) then exit, instead of every SYNC_INTERVAL_SECONDS. */
  readonly once: boolean;
  /** Empty the selected warehouse tables and reload them from scratch. */
  readonly fullRefresh: boolean;
  /** Only these tables; undefined = every configured table. */
  readonly tables: string[] | undefined;
  /** Port of `GET /metrics` on a schedule (0 = off); undefined = SYNC_METRICS_PORT. */
  readonly metricsPort: number | undefined;
  readonly help: boolean;
}

export const USAGE = `Usage: nx run warehouse-sync:serve [-- --once] [--full-refresh] [--tables customers,accounts,transactions] [--metrics-port <port>]
       nx run warehouse-sync:serve -- snowflake-smoke [--rows 10000] [--keep-schema]   (see its --help)

Copies changes from the operational Postgres store into the warehouse (RAW schema) every
SYNC_INTERVAL_SECONDS, or once with --once, then runs dbt build when rows changed and DBT_ENABLED.
  --once            run one sync, then exit (non-zero on failure, naming the table and reason)
  --full-refresh    empty the selected tables and their watermarks first, then reload everything
  --tables a,b      sync only these tables (default: all)
  --metrics-port n  Prometheus /metrics on METRICS_HOST:n while on a schedule (default SYNC_METRICS_PORT,
                    9468; 0 = off); --once serves none
  --help            this text`;

const tableList = z
  .string()
  .transform((v) => v.split(',').map((t) => t.trim()).filter((t) => t.length > 0))
  .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'table names are lower-case snake_case')).min(1, 'name at least one table'));

/** Parses the command line; throws a UsageError for unknown options or bad values. */
export function parseCliArgs(argv: readonly string[]): SyncCliArgs {
  const { values } = parseArgvOrRefuse({
    args: [...argv],
    options: {
      once: { type: 'boolean', default: false },
      'full-refresh': { type: 'boolean', default: false },
      tables: { type: 'string' },
      'metrics-port': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  let tables: string[] | undefined;
  if (values.tables !== undefined) {
    const parsed = tableList.safeParse(values.tables);
    if (!parsed.success) throw new UsageError(`--tables: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    tables = parsed.data;
  }
  const port = metricsPortOption.safeParse(values['metrics-port']);
  if (!port.success) throw new UsageError(`--metrics-port: ${port.error.issues.map((i) => i.message).join('; ')}`);
  return { once: values.once ?? false, fullRefresh: values['full-refresh'] ?? false, tables, metricsPort: port.data, help: values.help ?? false };
}

