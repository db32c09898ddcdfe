import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import {
  addScrapeTarget,
  createTestDatabase,
  repoRoot,
  startKafka,
  startNodeProcess,
  startPrometheus,
  uniqueName,
  type NodeProcess,
  type PrometheusEndpoint,
  type ScrapeTarget,
} from '@ledgerline/testing';
import { bundleApp } from '../build/bundle-app.ts';

/** Scrape job name -> the process Prometheus scrapes under it. */
export const STACK_JOBS = ['pipeline', 'producer', 'stream-sink', 'warehouse-sync', 'cdc', 'cdc-landing', 'cdc-load'] as const;
export type StackJob = (typeof STACK_JOBS)[number];

export interface ScrapedStack {
  prometheus: PrometheusEndpoint;
  processes: Record<StackJob, NodeProcess>;
  slot: string;
  /** `host:port` of every scrape target of this stack (the `instance` label). */
  instances: Set<string>;
  /** The jobs whose process has exited. */
  exited(): StackJob[];
  /** The last lines of every process, for a failure message. */
  describe(): string;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Polls a process's own /metrics until `pattern` matches (before Prometheus is told about it). */
async function waitForMetric(port: number, pattern: RegExp, timeoutMs: number, child: NodeProcess, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const body = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
    if (pattern.test(body)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}; output:\n${child.output.slice(-20).join('\n')}`);
}

async function waitForTables(url: string, tables: string[], timeoutMs: number, sink: NodeProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [tables]);
      if (Number(rows[0]?.n) === tables.length) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the stream sink did not create ${tables.join(', ')}; its output:\n${sink.output.slice(-20).join('\n')}`);
  } finally {
    await client.end();
  }
}

/**
 * Every Ledgerline process that serves /metrics, as bundled child processes scraped by one real
 * Prometheus (Debian's package, the project's rules, 1 s scrapes):
 * - the main job on embedded defaults (PGlite, in-process bus, DuckDB);
 * - on real PostgreSQL and Kafka from tools/services, the split deployment: producer (with a few
 *   poison events, so the DLQ alert has something to see) -> stream sink -> PostgreSQL ->
 *   CDC capture (pgoutput slot) -> change topics -> landing writer (Parquet in a local landing
 *   zone) -> loader (DuckDB change log), and the scheduled warehouse sync (PostgreSQL -> DuckDB).
 */
export async function startScrapedStack(work: string): Promise<ScrapedStack> {
  const root = repoRoot();
  const bundles = join(root, 'node_modules', '.cache', uniqueName('observability'));
  const [prometheus, kafka, database, entries] = await Promise.all([
    startPrometheus(),
    startKafka(),
    createTestDatabase('observability'),
    Promise.all(['pipeline', 'producer', 'stream-sink', 'warehouse-sync', 'cdc'].map((app) => bundleApp(root, app, join(bundles, app)))),
  ]);
  const [pipelineEntry, producerEntry, sinkEntry, syncEntry, cdcEntry] = entries as [string, string, string, string, string];
  const brokers = kafka.brokers.join(',');
  const topic = uniqueName('obs_tx');
  const slot = uniqueName('obs_slot');
  const cdcPrefix = uniqueName('obs_cdc');
  const ports = Object.fromEntries(await Promise.all(STACK_JOBS.map(async (job) => [job, await freePort()] as const))) as Record<StackJob, number>;
  const common = { LOG_LEVEL: 'warn', LOG_FORMAT: 'json', METRICS_PORT: '0', DBT_ENABLED: 'false', GOOGLE_API_KEY: '', CHROMA_URL: '' };
  const split = { ...common, DATABASE_URL: database.url, KAFKA_BROKERS: brokers, KAFKA_TOPIC: topic, KAFKA_PARTITIONS: '2' };
  const cdcEnv = { ...split, CDC_SLOT: slot, CDC_PUBLICATION: slot, CDC_TABLES: 'public.transactions', CDC_TOPIC_PREFIX: cdcPrefix, CDC_HEARTBEAT_SECONDS: '1', DATA_DIR: join(work, 'cdc') };
  const gone = new Set<StackJob>();
  const start = (job: StackJob, entry: string, args: string[], env: Record<string, string>) => {
    const child = startNodeProcess([entry], args, { cwd: work, keepLines: 100, env });
    void child.exited.then(() => gone.add(job));
    return child;
  };
  const processes: Partial<Record<StackJob, NodeProcess>> = {};
  const targets: ScrapeTarget[] = [];
  const stop = async () => {
    for (const target of targets) target.remove();
    const running = Object.values(processes);
    for (const process of running) process.kill('SIGINT');
    await Promise.race([Promise.all(running.map((p) => p.exited)), new Promise((resolve) => setTimeout(resolve, 30_000))]);
    for (const process of running) process.kill('SIGKILL');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1 AND NOT active', [slot]).catch(() => undefined);
    await client.end();
    await database.drop().catch(() => undefined);
    const { rm } = await import('node:fs/promises');
    await rm(bundles, { recursive: true, force: true });
  };
  try {
    processes.pipeline = start('pipeline', pipelineEntry, ['--duration', '170', '--rate', '40', '--customers', '4'], {
      ...common,
      METRICS_PORT: String(ports.pipeline),
      DATA_DIR: join(work, 'main-job'),
      DATABASE_URL: '',
      KAFKA_BROKERS: '',
      DASHBOARD_PORT: String(await freePort()),
      SYNC_INTERVAL_SECONDS: '3',
      PIPELINE_MARKET_ENABLED: 'false',
    });
    processes['stream-sink'] = start('stream-sink', sinkEntry, ['--stats-interval', '1', '--metrics-port', String(ports['stream-sink'])], { ...split, KAFKA_GROUP_ID: uniqueName('obs_sink') });
    processes.producer = start('producer', producerEntry, ['--rate', '20', '--customers', '5', '--poison-rate', '0.05', '--metrics-port', String(ports.producer)], split);
    // The capture needs the tables the sink's migration creates.
    await waitForTables(database.url, ['transactions'], 90_000, processes['stream-sink']);
    processes.cdc = start('cdc', cdcEntry, ['serve', '--stats-interval', '0', '--metrics-port', String(ports.cdc)], cdcEnv);
    // The landing writer refuses topics that do not exist yet: start it once the capture published.
    await waitForMetric(ports.cdc, /^ledgerline_cdc_events_published_total [1-9]/m, 90_000, processes.cdc, 'the CDC capture to publish');
    processes['cdc-landing'] = start('cdc-landing', cdcEntry, ['land', '--stats-interval', '0', '--metrics-port', String(ports['cdc-landing'])], {
      ...cdcEnv,
      CDC_LANDING_GROUP_ID: uniqueName('obs_land'),
      CDC_LANDING_ROLL_SECONDS: '2',
    });
    processes['cdc-load'] = start('cdc-load', cdcEntry, ['load', '--metrics-port', String(ports['cdc-load'])], {
      ...cdcEnv,
      CDC_LOAD_SECRET: 'observability-test-secret',
      CDC_LOAD_PORT: String(await freePort()),
      CDC_LOAD_RECONCILE_SECONDS: '2',
      WAREHOUSE: 'duckdb',
      WAREHOUSE_DUCKDB_PATH: join(work, 'cdc', 'change-log.duckdb'),
    });
    processes['warehouse-sync'] = start('warehouse-sync', syncEntry, ['--metrics-port', String(ports['warehouse-sync'])], {
      ...split,
      WAREHOUSE: 'duckdb',
      WAREHOUSE_DUCKDB_PATH: join(work, 'sync', 'warehouse.duckdb'),
      DATA_DIR: join(work, 'sync'),
      SYNC_INTERVAL_SECONDS: '2',
    });
    for (const job of STACK_JOBS) targets.push(addScrapeTarget(prometheus, uniqueName(job.replace(/-/g, '_')), `127.0.0.1:${ports[job]}`, job));
  } catch (error) {
    await stop();
    throw error;
  }
  const all = processes as Record<StackJob, NodeProcess>;
  return {
    prometheus,
    processes: all,
    slot,
    instances: new Set(STACK_JOBS.map((job) => `127.0.0.1:${ports[job]}`)),
    exited: () => [...gone],
    describe: () => STACK_JOBS.map((job) => `--- ${job}:\n${all[job].output.slice(-8).join('\n')}`).join('\n'),
    stop,
  };
}
