import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'debezium.sh');

export interface DebeziumOptions {
  /** postgres://user[:password]@host:port/database of the captured database. */
  databaseUrl: string;
  slot: string;
  publication: string;
  /** schema.table, as our CDC_TABLES. */
  tables: string[];
  topicPrefix: string;
  /** Where events go: a JSON-lines file (read back with `events()`) or Kafka. */
  sink: { jsonl: true } | { kafka: string[] };
  /** Extra connector properties (override the defaults below). */
  properties?: Record<string, string>;
  /**
   * Directory for the connector's files (offsets, events). Default: a fresh temp dir, removed on
   * stop. Pass the same one to a second start to resume from the first one's offsets (kept).
   */
  stateDir?: string;
}

/** One event as Debezium's JSON converter wrote it (schemas off). */
export interface DebeziumEvent {
  topic: string;
  key: Record<string, unknown> | null;
  value: { op: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; source: Record<string, unknown>; ts_ms: number } | null;
}

export interface DebeziumProcess {
  /** Events written so far (JSON-lines sink only), in order. */
  events(): DebeziumEvent[];
  /** The engine's last reported event count ({"events":N} lines on its stdout). */
  count(): number;
  output(): string;
  stop(): Promise<number | null>;
}

/** Resolves the jars and compiles the reference main once (cached in ~/.cache/ledgerline). */
export function buildDebezium(): void {
  const built = spawnSync('bash', [SCRIPT, 'build'], { encoding: 'utf8', timeout: 600_000 });
  if (built.status !== 0) throw new Error(`tools/debezium/debezium.sh build failed (${built.status}):\n${built.stderr}`);
}

/**
 * The connector settings that make Debezium's output comparable with ours: pgoutput, its own slot
 * and publication (created for the tables), an initial snapshot, no tombstones, truncates
 * included, numerics as decimal strings, JSON without schemas.
 */
export function connectorProperties(options: DebeziumOptions, offsetsFile: string): Record<string, string> {
  const url = new URL(options.databaseUrl);
  return {
    name: 'ledgerline-reference',
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'offset.storage': 'org.apache.kafka.connect.storage.FileOffsetBackingStore',
    'offset.storage.file.filename': offsetsFile,
    'offset.flush.interval.ms': '1000',
    'database.hostname': url.hostname,
    'database.port': url.port || '5432',
    'database.user': decodeURIComponent(url.username),
    'database.password': decodeURIComponent(url.password),
    'database.dbname': url.pathname.slice(1),
    'topic.prefix': options.topicPrefix,
    'plugin.name': 'pgoutput',
    'slot.name': options.slot,
    'publication.name': options.publication,
    'publication.autocreate.mode': 'filtered',
    'table.include.list': options.tables.join(','),
    'snapshot.mode': 'initial',
    'tombstones.on.delete': 'false',
    'skipped.operations': 'none',
    'decimal.handling.mode': 'string',
    'poll.interval.ms': '100',
    'converter.schemas.enable': 'false',
    'key.converter.schemas.enable': 'false',
    'value.converter.schemas.enable': 'false',
    ...options.properties,
  };
}

export function startDebezium(options: DebeziumOptions): DebeziumProcess {
  const dir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'ledgerline-debezium-'));
  const propertiesFile = join(dir, 'connector.properties');
  const eventsFile = join(dir, 'events.jsonl');
  const properties = connectorProperties(options, join(dir, 'offsets.dat'));
  writeFileSync(propertiesFile, Object.entries(properties).map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}`).join('\n') + '\n');
  const sink = 'jsonl' in options.sink ? `jsonl:${eventsFile}` : `kafka:${options.sink.kafka.join(',')}`;
  const child: ChildProcess = spawn('bash', [SCRIPT, 'run', propertiesFile, sink], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let count = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stdout += text;
    const counts = [...text.matchAll(/\{"events":(\d+)\}/g)];
    if (counts.length > 0) count = Number(counts[counts.length - 1]![1]);
    if (stdout.length > 100_000) stdout = stdout.slice(-50_000);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-50_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    events: () => {
      if (!existsSync(eventsFile)) return [];
      const text = readFileSync(eventsFile, 'utf8');
      // A line being written may be incomplete: only whole lines count.
      return text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as DebeziumEvent);
    },
    count: () => count,
    output: () => `${stdout.slice(-2_000)}\n${stderr.slice(-6_000)}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      if (!options.stateDir) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
