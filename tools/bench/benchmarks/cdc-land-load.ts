import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { runLandingLoader, shapeChangeEvent } from '@ledgerline/cdc';
import { DuckDbChangeLogWarehouse, DuckDbLandingFileInspector } from '@ledgerline/duckdb';
import { LocalObjectStore } from '@ledgerline/files';
import { createKafkaEventBus } from '@ledgerline/kafka';
import { silentLogger } from '@ledgerline/logging';
import { startKafka, uniqueName } from '@ledgerline/testing';
import { defineBenchmark } from '../benchmark.ts';
import { startCdcApp, stopApp, waitFor } from '../cdc-bench-support.ts';

// Landing + load rows/s against DuckDB's own read_parquet of the same files. N change events
// (Debezium-shaped, as `cdc serve` publishes them) are put on a change topic; `cdc land` (a
// process) writes them as Parquet files to a local landing directory (roll 16 MiB by size, 1 s by
// time so the tail does not wait 30 s); then the landing loader (in this process: the same use
// case and adapters as `cdc load`) loads every file into DuckDB with its manifest, one transaction
// per file, after inspecting each. The reference is one DuckDB `CREATE TABLE AS SELECT * FROM
// read_parquet(<the same files>)` into a fresh database file.
// BENCH_CDC_LAND_EVENTS (default 200,000).

export default defineBenchmark({
  name: 'cdc-land-load',
  description: 'CDC landing (Kafka -> Parquet) + load (Parquet -> DuckDB, exactly once) rows/s vs DuckDB read_parquet of the same files',
  async run({ log }) {
    const events = Number(process.env.BENCH_CDC_LAND_EVENTS ?? 200_000);
    const { brokers } = await startKafka();
    const bus = createKafkaEventBus({ brokers, clientId: 'bench-cdc-land', kafkaLogLevel: 'error' });
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-cdc-land-'));
    const prefix = uniqueName('bench_land');
    const table = 'bench_land';
    const topic = `${prefix}.public.${table}`;
    const groupId = uniqueName('bench_land_group');
    try {
      log(`publishing ${events} change events`);
      await bus.admin.ensureTopics([{ name: topic, partitions: 1 }]);
      const nowMs = Date.now();
      for (let from = 0; from < events; from += 5_000) {
        const batch = [];
        for (let i = from; i < Math.min(events, from + 5_000); i += 1) {
          const shaped = shapeChangeEvent(
            {
              op: i % 4 === 3 ? 'u' : 'c',
              schema: 'public',
              table,
              keyColumns: ['id'],
              before: null,
              after: { id: i % 4 === 3 ? i - 1 : i, amount: `${(i % 100_000) / 100}`, note: `note ${i}`, updated_at: new Date(nowMs + i).toISOString() },
              lsn: BigInt(1_000_000 + i * 100),
              txId: 1_000 + Math.floor(i / 100),
              sourceTsMs: nowMs + i,
              snapshot: false,
            },
            { topicPrefix: prefix, database: 'bench', connector: 'postgresql', nowMs },
          );
          batch.push({ key: shaped.key, value: JSON.stringify(shaped.value) });
        }
        await bus.publisher.publish(topic, batch);
      }

      log('landing (cdc land)');
      const landStart = performance.now();
      const land = startCdcApp('land', {
        KAFKA_BROKERS: brokers.join(','),
        CDC_TABLES: `public.${table}`,
        CDC_TOPIC_PREFIX: prefix,
        CDC_LANDING_GROUP_ID: groupId,
        CDC_LANDING_ROLL_SECONDS: '1',
        DATA_DIR: dataDir,
      });
      await waitFor('every event landed and committed', async () => {
        const lag = await bus.admin.consumerLag(topic, groupId).catch(() => undefined);
        return lag !== undefined && lag.partitions.length > 0 && lag.total === 0;
      }, 600_000, () => land.output.slice(-5).join('\n'));
      const landMs = performance.now() - landStart;
      await stopApp(land);
      const root = join(dataDir, 'landing');
      const files = listParquet(root);

      log(`loading ${files.length} files`);
      const warehouse = new DuckDbChangeLogWarehouse({ path: join(dataDir, 'warehouse.duckdb') });
      const inspector = new DuckDbLandingFileInspector();
      const loadStart = performance.now();
      const loader = runLandingLoader({ store: new LocalObjectStore(root), warehouse, inspector, logger: silentLogger }, { prefix: 'cdc', reconcileIntervalMs: 0 });
      // The start-up pass loads everything; this second pass queues behind it and finds nothing new.
      const second = await loader.reconcile();
      const loadMs = performance.now() - loadStart;
      await loader.stop();
      await inspector.close();
      await warehouse.close();
      if (second.failed.length > 0) throw new Error(`loads failed: ${JSON.stringify(second.failed)}`);

      log('DuckDB read_parquet of the same files');
      const instance = await DuckDBInstance.create(join(dataDir, 'reference.duckdb'));
      const connection = await instance.connect();
      const list = files.map((file) => `'${file.replace(/'/g, "''")}'`).join(', ');
      const readStart = performance.now();
      await connection.run(`CREATE TABLE reference AS SELECT * FROM read_parquet([${list}])`);
      const readMs = performance.now() - readStart;
      const referenceRows = Number((await connection.runAndReadAll('SELECT count(*)::BIGINT AS n FROM reference')).getRowObjectsJS()[0]!.n);
      connection.closeSync();
      instance.closeSync();

      const loaded = await countLoaded(join(dataDir, 'warehouse.duckdb'), table);
      if (loaded !== events || referenceRows !== events) throw new Error(`loaded ${loaded}, read_parquet ${referenceRows}, published ${events}`);
      const landLoad = (events * 1000) / (landMs + loadMs);
      const duckdb = (events * 1000) / readMs;
      return {
        metrics: [
          { name: 'landing + load', value: landLoad, unit: 'rows/s' },
          { name: 'DuckDB read_parquet (same files)', value: duckdb, unit: 'rows/s' },
          { name: 'landing + load / read_parquet', value: landLoad / duckdb, unit: 'ratio' },
          { name: 'landing (Kafka -> Parquet files)', value: (events * 1000) / landMs, unit: 'rows/s' },
          { name: 'load (Parquet -> DuckDB, manifest)', value: (events * 1000) / loadMs, unit: 'rows/s' },
          { name: 'load / read_parquet', value: (events * 1000) / loadMs / duckdb, unit: 'ratio' },
        ],
        notes: [
          `${events} change events (~${Math.round(JSON.stringify({ id: 1, amount: '1.00', note: 'note 100000', updated_at: new Date().toISOString() }).length)}-byte after image), one partition -> ${files.length} Parquet files (zstd)`,
          'landing: cdc land as a process from source (tsx), roll 16 MiB / 1 s, local landing directory, timed from process start to the group’s lag 0 (start-up and the 1 s tail included); ' +
            'load: runLandingLoader + DuckDbChangeLogWarehouse + DuckDbLandingFileInspector in the bench process (inspection, one transaction per file with its manifest row)',
          'read_parquet: one CREATE TABLE AS over the same files into a fresh DuckDB file (no inspection, no manifest, no exactly-once bookkeeping)',
        ],
      };
    } finally {
      await bus.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

function listParquet(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.parquet')) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

async function countLoaded(path: string, table: string): Promise<number> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    return Number((await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM raw.cdc_public_${table}`)).getRowObjectsJS()[0]!.n);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
