import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError } from '@ledgerline/config';
import { metricsPortOption } from '@ledgerline/metrics';

export const CDC_COMMANDS = ['serve', 'status', 'drop-slot', 'land', 'load'] as const;
export type CdcCommand = (typeof CDC_COMMANDS)[number];

const cdcArgsSchema = z
  .object({
    /** Events per publish (and so per slot acknowledgement at most). */
    'max-batch': z.coerce.number().int().min(1).max(100_000).default(2_000),
    /** Seconds between stats lines; 0 disables them. */
    'stats-interval': z.coerce.number().min(0).max(3_600).default(5),
    /** Port of `GET /metrics` (0 = off); default CDC_METRICS_PORT, CDC_LANDING_METRICS_PORT or CDC_LOAD_METRICS_PORT by command. */
    'metrics-port': metricsPortOption,
  })
  .strict();

export type CdcArgs = z.infer<typeof cdcArgsSchema> & { command: CdcCommand };

export const CDC_USAGE = [
  'usage: nx run cdc:serve -- [serve] [--max-batch <n>] [--stats-interval <s>] [--metrics-port <port>]',
  '       nx run cdc:serve -- status      slot, confirmed LSN, lag and retained bytes, snapshot state',
  '       nx run cdc:serve -- drop-slot   remove the replication slot (the next start snapshots again)',
  '       nx run cdc:serve -- land        change topics -> Parquet files in the landing zone (S3_ENDPOINT or DATA_DIR/landing)',
  '       nx run cdc:serve -- load        load landed Parquet files into the warehouse on arrival (S3 notifications + reconcile)',
].join('\n');

export const CDC_HELP =
  `Captures every change in PostgreSQL (DATABASE_URL) through a pgoutput replication slot and publishes\n` +
  `Debezium-shaped events to Kafka (KAFKA_BROKERS), one topic per table: <CDC_TOPIC_PREFIX>.<schema>.<table>.\n` +
  `The first start snapshots the tables (op "r") consistently with the slot; later starts resume from the\n` +
  `slot's confirmed position. SIGINT/SIGTERM publish what was read, acknowledge it and stop.\n` +
  `Settings: CDC_SLOT, CDC_PUBLICATION, CDC_TABLES, CDC_TOPIC_PARTITIONS, CDC_HEARTBEAT_SECONDS,\n` +
  `CDC_REPLICA_IDENTITY_FULL (see .env.example and docs/cdc.md).\n` +
  `Prometheus /metrics on METRICS_HOST (127.0.0.1) at CDC_METRICS_PORT (serve, 9465), CDC_LANDING_METRICS_PORT\n` +
  `(land, 9469) or CDC_LOAD_METRICS_PORT (load, 9470); --metrics-port overrides, 0 = off (docs/observability.md).\n` +
  `\`land\` reads those topics (group CDC_LANDING_GROUP_ID) and writes Parquet files, rolled by CDC_LANDING_ROLL_SECONDS\n` +
  `or CDC_LANDING_ROLL_MB, to <CDC_LANDING_PREFIX>/<schema>.<table>/dt=YYYY-MM-DD/<partition>-<first>-<last>.parquet\n` +
  `on S3 (S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) or in DATA_DIR/landing; offsets commit after the upload.\n` +
  `\`load\` receives S3 event notifications (POST /s3-events on CDC_LOAD_HOST:CDC_LOAD_PORT, shared secret\n` +
  `CDC_LOAD_SECRET as a Bearer header or ?token=) and loads each landed file under CDC_LANDING_PREFIX once\n` +
  `into the warehouse (WAREHOUSE: DuckDB raw.cdc_<schema>_<table> + raw._cdc_manifest, or Snowflake from\n` +
  `SNOWFLAKE_*: PUT + COPY INTO RAW.CDC_<SCHEMA>_<TABLE> + RAW._CDC_MANIFEST); a reconcile pass on\n` +
  `start and every CDC_LOAD_RECONCILE_SECONDS loads what notifications missed; bad files move under\n` +
  `CDC_QUARANTINE_PREFIX. Object store: S3_* (S3_ENDPOINT) else DATA_DIR/landing.\n${CDC_USAGE}\n`;

export function parseCdcArgs(argv: string[]): CdcArgs {
  let values: Record<string, string | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { 'max-batch': { type: 'string' }, 'stats-interval': { type: 'string' }, 'metrics-port': { type: 'string' } },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (positionals.length > 1) throw new UsageError(`one command at a time, got: ${positionals.join(' ')}`);
  const command = positionals[0] ?? 'serve';
  if (!(CDC_COMMANDS as readonly string[]).includes(command)) throw new UsageError(`unknown command ${JSON.stringify(command)}; expected one of ${CDC_COMMANDS.join(', ')}`);
  const parsed = cdcArgsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  return { ...parsed.data, command: command as CdcCommand };
}
