import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createKafkaEventBus } from '@ledgerline/kafka';
import { createTestDatabase, startKafka, uniqueName, type NodeProcess } from '@ledgerline/testing';
import pg from 'pg';
import { defineBenchmark } from '../benchmark.ts';
import { startCdcApp, stopApp, waitFor } from '../cdc-bench-support.ts';
import { percentile } from '../stats.ts';

// Commit-to-warehouse latency of the CDC pipeline at a steady 1,000 changes/s with the default
// landing roll (CDC_LANDING_ROLL_SECONDS=30): PostgreSQL commit -> `cdc serve` (pgoutput) -> Kafka
// -> `cdc land` (Parquet files, local landing directory) -> `cdc load` -> DuckDB raw.cdc_*.
// Per change: `_loaded_at` of its warehouse row minus `source_ts_ms` (the commit time PostgreSQL
// logged), same clock; `ts_ms - source_ts_ms` is the CDC hop alone (the event shaped in `cdc serve`).
// Reference in the same run: the same processes and rate on a second table whose landing writer
// rolls every 1 s, so what the 30 s roll adds is told apart from the pipeline's own cost. The local
// store sends no notifications: the loader's reconcile pass every 1 s stands in (adds up to 1 s).
// Changes of the first WARMUP_SECONDS (processes starting, consumer groups joining) are not counted.
// BENCH_CDC_LATENCY_SECONDS (default 75: two full rolls and a part), BENCH_CDC_RATE (default
// 1,000/s), BENCH_CDC_REFERENCE_SECONDS (default 25).

const WARMUP_SECONDS = 10;
const TABLE = 'public.bench_latency';
const REFERENCE_TABLE = 'public.bench_latency_roll1';

export default defineBenchmark({
  name: 'cdc-latency',
  description: 'CDC commit-to-warehouse latency p50/p95/p99 at 1,000 changes/s, default 30 s roll, beside the same pipeline with a 1 s roll (Postgres -> Kafka -> Parquet -> DuckDB)',
  async run({ log }) {
    const seconds = Number(process.env.BENCH_CDC_LATENCY_SECONDS ?? 75);
    const referenceSeconds = Number(process.env.BENCH_CDC_REFERENCE_SECONDS ?? 25);
    const rate = Number(process.env.BENCH_CDC_RATE ?? 1_000);
    const database = await createTestDatabase('bench_cdc_latency');
    const { brokers } = await startKafka();
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-cdc-latency-'));
    const slot = uniqueName('bench_lat');
    const prefix = uniqueName('bench_lat');
    const groups = { main: uniqueName('bench_lat_landing'), reference: uniqueName('bench_lat_roll1') };
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: brokers.join(','),
      CDC_SLOT: slot,
      CDC_PUBLICATION: slot,
      CDC_TABLES: `${TABLE},${REFERENCE_TABLE}`,
      CDC_TOPIC_PREFIX: prefix,
      DATA_DIR: dataDir,
      WAREHOUSE: 'duckdb',
      CDC_LOAD_SECRET: 'bench-secret-0123456789',
      CDC_LOAD_PORT: '0',
      CDC_LOAD_RECONCILE_SECONDS: '1',
    };
    const apps: NodeProcess[] = [];
    const bus = createKafkaEventBus({ brokers, clientId: 'bench-cdc-latency', kafkaLogLevel: 'error' });
    const admin = bus.admin;
    try {
      for (const table of [TABLE, REFERENCE_TABLE]) await sql.query(`CREATE TABLE ${table} (id int PRIMARY KEY, amount numeric(12,2) NOT NULL, note text NOT NULL)`);
      const serve = startCdcApp('serve', env);
      apps.push(serve);
      await waitFor('the slot', async () => (await sql.query('SELECT 1 FROM pg_replication_slots WHERE slot_name = $1 AND active', [slot])).rowCount === 1, 60_000, () => serve.output.join('\n'));
      // The landing writers log at info to say when their group assigned them the partition.
      const landStartedMs = Date.now();
      const land = startCdcApp('land', { ...env, CDC_TABLES: TABLE, CDC_LANDING_GROUP_ID: groups.main, LOG_LEVEL: 'info' });
      const landReference = startCdcApp('land', { ...env, CDC_TABLES: REFERENCE_TABLE, CDC_LANDING_GROUP_ID: groups.reference, CDC_LANDING_ROLL_SECONDS: '1', LOG_LEVEL: 'info' });
      const load = startCdcApp('load', env);
      apps.push(land, landReference, load);
      // Steady state only: a file's roll clock starts when its first message reaches the landing
      // writer, so changes committed while the writer was still starting (tsx, joining its group:
      // ~20 s on a loaded 2-core machine) waited that long on top of the roll. An earlier run wrote
      // from the start and counted them: its first file held 54 s of commits (+8-13 s on p50-p99).
      for (const writer of [land, landReference]) {
        await waitFor('a landing writer to get its partition', () => writer.output.some((line) => line.includes('partitions assigned')), 120_000, () => writer.output.slice(-5).join('\n'));
      }
      const landReadyS = (Date.now() - landStartedMs) / 1000;

      log(`default roll: ${rate} changes/s for ${seconds} s`);
      const main = await writeAtRate(sql, TABLE, rate, seconds);
      log(`reference (1 s roll): ${rate} changes/s for ${referenceSeconds} s`);
      const reference = await writeAtRate(sql, REFERENCE_TABLE, rate, referenceSeconds);
      log('waiting for the last roll to land');
      for (const [table, group, written, writer] of [
        [TABLE, groups.main, main.written, land],
        [REFERENCE_TABLE, groups.reference, reference.written, landReference],
      ] as const) {
        const topic = `${prefix}.${table}`;
        await waitFor(
          `the landing writer of ${table} to commit every change`,
          async () => (await admin.endOffsets(topic)).reduce((n, o) => n + Number(o.offset), 0) >= written && (await admin.consumerLag(topic, group)).total === 0,
          180_000,
          () => writer.output.slice(-5).join('\n'),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // a reconcile pass or two
      for (const app of [load, landReference, land, serve]) await stopApp(app);

      const instance = await DuckDBInstance.create(join(dataDir, 'warehouse.duckdb'));
      const connection = await instance.connect();
      const latencies = async (table: string, startedAtMs: number, written: number) => {
        const name = `raw.cdc_${table.replace('.', '_')}`;
        const count = Number((await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${name}`)).getRowObjectsJS()[0]!.n);
        if (count !== written) throw new Error(`${name} holds ${count} rows, ${written} changes were written`);
        const reader = await connection.runAndReadAll(
          `SELECT (epoch_ms(_loaded_at) - source_ts_ms)::DOUBLE AS total_ms, (ts_ms - source_ts_ms)::DOUBLE AS cdc_ms FROM ${name} WHERE source_ts_ms >= ${Math.round(startedAtMs)}`,
        );
        const rows = reader.getRowObjectsJS() as Array<{ total_ms: number; cdc_ms: number }>;
        return { total: rows.map((row) => row.total_ms), cdc: rows.map((row) => row.cdc_ms) };
      };
      // Per landed file of the 30 s table: when its first and last change committed, when the file
      // was written (its mtime in the local landing directory) and when the loader started on it.
      const files = (
        (await connection.runAndReadAll(
          `SELECT _object_key AS key, min(source_ts_ms)::DOUBLE AS first_ms, max(source_ts_ms)::DOUBLE AS last_ms, epoch_ms(min(_loaded_at))::DOUBLE AS loaded_ms, count(*)::INTEGER AS n
             FROM raw.cdc_${TABLE.replace('.', '_')} GROUP BY _object_key ORDER BY first_ms`,
        )).getRowObjectsJS() as Array<{ key: string; first_ms: number; last_ms: number; loaded_ms: number; n: number }>
      ).map((f) => ({ ...f, landed_ms: statSync(join(dataDir, 'landing', f.key)).mtimeMs }));
      const fileLines = files.map((f) => `${f.key.split('/').pop()}: ${f.n} rows, commits over ${((f.last_ms - f.first_ms) / 1000).toFixed(1)} s, first commit -> file landed ${((f.landed_ms - f.first_ms) / 1000).toFixed(1)} s, landed -> load started ${((f.loaded_ms - f.landed_ms) / 1000).toFixed(1)} s`);
      const measured = await latencies(TABLE, main.startedAtMs + WARMUP_SECONDS * 1000, main.written);
      const roll1 = await latencies(REFERENCE_TABLE, reference.startedAtMs, reference.written);
      connection.closeSync();
      instance.closeSync();
      const inSeconds = (values: number[], p: number) => percentile(values, p) / 1000;
      return {
        metrics: [
          { name: 'commit-to-warehouse p50 (roll 30 s)', value: inSeconds(measured.total, 50), unit: 's' },
          { name: 'commit-to-warehouse p95 (roll 30 s)', value: inSeconds(measured.total, 95), unit: 's' },
          { name: 'commit-to-warehouse p99 (roll 30 s)', value: inSeconds(measured.total, 99), unit: 's' },
          { name: 'reference: commit-to-warehouse p50 (roll 1 s)', value: inSeconds(roll1.total, 50), unit: 's' },
          { name: 'reference: commit-to-warehouse p95 (roll 1 s)', value: inSeconds(roll1.total, 95), unit: 's' },
          { name: 'reference: commit-to-warehouse p99 (roll 1 s)', value: inSeconds(roll1.total, 99), unit: 's' },
          { name: 'of which commit -> cdc serve p50 (roll 30 s run)', value: inSeconds(measured.cdc, 50), unit: 's' },
          { name: 'of which commit -> cdc serve p95 (roll 30 s run)', value: inSeconds(measured.cdc, 95), unit: 's' },
          { name: 'changes written', value: main.written / main.seconds, unit: 'changes/s' },
          { name: 'landing writers started (process start -> partition assigned), before writing', value: landReadyS, unit: 's' },
        ],
        notes: [
          `${main.written} changes in ${main.seconds.toFixed(0)} s, then ${reference.written} on the reference table in ${reference.seconds.toFixed(0)} s (transactions of ${main.perTick} every 100 ms: inserts and updates), ` +
            `one topic partition each; latencies of ${measured.total.length} changes (those of the first ${WARMUP_SECONDS} s, start-up, not counted) and ${roll1.total.length} reference changes`,
          'cdc serve + two cdc land (one per table: default roll 30 s / 16 MiB, and 1 s) + cdc load, as processes from source (tsx), local landing directory, ' +
            'loader reconcile every 1 s in place of the S3 notification; latency = _loaded_at - source_ts_ms (commit time) per warehouse row',
          'a 30 s roll alone makes a change wait for its file to close: uniformly 0-30 s (p50 ~15 s, p95 ~28.5 s), plus the pipeline (the 1 s reference)',
          'writing starts once both landing writers have their partition (the roll clock starts at a file\'s first message in the writer, so start-up is not counted as roll time)',
          `30 s files: ${fileLines.join('; ')}`,
        ],
      };
    } finally {
      for (const app of apps) app.kill('SIGKILL');
      await Promise.all(apps.map((app) => app.exited));
      await bus.close();
      await sql.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database() AND NOT active').catch(() => undefined);
      await sql.end();
      await database.drop().catch((error: unknown) => log(`could not drop the bench database: ${String(error)}`));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

/** Every 100 ms one transaction of rate/10 changes: half inserts, half updates of rows inserted before. */
async function writeAtRate(sql: pg.Client, table: string, rate: number, seconds: number): Promise<{ written: number; seconds: number; startedAtMs: number; perTick: number }> {
  const perTick = Math.max(2, Math.round(rate / 10));
  let nextId = 1;
  let written = 0;
  const startedAtMs = Date.now();
  const start = performance.now();
  for (let tick = 0; tick < seconds * 10; tick += 1) {
    const inserts = Math.ceil(perTick / 2);
    const updates = perTick - inserts;
    const from = nextId;
    nextId += inserts;
    await sql.query('BEGIN');
    await sql.query(`INSERT INTO ${table} SELECT g, g * 0.01, 'n' || g FROM generate_series($1::int, $2::int) g`, [from, from + inserts - 1]);
    const updated = await sql.query(`UPDATE ${table} SET amount = amount + 1 WHERE id BETWEEN $1 AND $2`, [Math.max(1, from - updates), Math.max(1, from - updates) + updates - 1]);
    await sql.query('COMMIT');
    written += inserts + (updated.rowCount ?? 0);
    const wait = start + (tick + 1) * 100 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { written, seconds: (performance.now() - start) / 1000, startedAtMs, perTick };
}
