import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot, type TestDatabase } from '@ledgerline/testing';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { measureSmallFileMemory } from '../small-file-memory.ts';
import { TRANSACTION_COLUMNS, bundleBatchApp, ingestArgs, runChild, writeCopyCsv, writeStatementCsv } from '../batch-bench-support.ts';

// Batch ingestion of one large CSV statement by the ingest command (its own process, real
// PostgreSQL), beside `psql \copy` of exactly the same rows into the same (empty, migrated) table.
// Sizes run in turn so peak RSS can be compared: streaming must not grow with the file. Each size is
// ingested twice: through the tsx loader, as `nx run batch:serve -- ingest` runs it, and as plain
// node on the app bundled to JavaScript, which shows what the loader itself costs. The largest
// size runs once more (tsx) with V8's heap capped, which only succeeds if nothing accumulates.
// Each size also goes, bundled, into embedded PGlite (no DATABASE_URL: the default install), whose
// peak must stay flat with the file's size like the 10-row run's (issue #21 item 8).
//   BENCH_BATCH_ROWS (default "250000,1000000"), BENCH_BATCH_CHUNK (rows per write, default 10000),
//   BENCH_BATCH_HEAP_CAP_MB (default 128; 0 skips that run), BENCH_BATCH_PGLITE (default 1; 0 skips the PGlite runs)
function sizesFromEnv(): number[] {
  const sizes = (process.env.BENCH_BATCH_ROWS ?? '250000,1000000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('BENCH_BATCH_ROWS must be positive integers, comma-separated');
  return sizes;
}

async function freshDatabase(prefix: string): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  const store = await createPostgresStore({ url: db.url, poolSize: 1 });
  await store.migrate();
  await store.close();
  return db;
}

interface IngestRun {
  rowsPerSecond: number;
  peakRssMb: number;
  processSeconds: number;
}

interface IngestMode {
  /** The bundled app (bundleBatchApp); tsx on the TypeScript sources when absent. */
  bundle?: string;
  nodeOptions?: string;
  /** Into embedded PGlite (a new DATA_DIR/pglite, default settings) instead of a fresh PostgreSQL database. */
  pglite?: boolean;
}

/** One ingest child over a fresh database and data folder holding only `statement`. */
async function ingestOnce(statement: string, rows: number, work: string, chunk: string, mode: IngestMode = {}): Promise<IngestRun> {
  const root = repoRoot();
  const db = mode.pglite ? undefined : await freshDatabase('bench_batch_ingest');
  const dataDir = await mkdtemp(join(work, 'data-'));
  try {
    await mkdir(join(dataDir, 'incoming'));
    await copyFile(statement, join(dataDir, 'incoming', 'statement.csv'));
    const ingest = await runChild(process.execPath, [...ingestArgs(root, join(dataDir, 'incoming'), mode.bundle), '--chunk-size', chunk], {
      cwd: root,
      env: { ...(db ? { DATABASE_URL: db.url } : {}), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...(mode.nodeOptions ? { NODE_OPTIONS: mode.nodeOptions } : {}) },
      unsetEnv: db ? [] : ['DATABASE_URL'],
    });
    if (ingest.code !== 0) throw new Error(`ingest failed (${ingest.code}): ${[...ingest.stdout, ...ingest.stderr].join('\n')}`);
    const file = JSON.parse(ingest.stdout[0] ?? '{}') as { status?: string; inserted?: number; seconds?: number };
    const totals = JSON.parse(ingest.stdout.at(-1) ?? '{}') as { peak_rss_mb?: number };
    if (file.status !== 'loaded' || file.inserted !== rows) throw new Error(`ingest did not load every row: ${ingest.stdout[0]}`);
    return { rowsPerSecond: rows / (file.seconds ?? ingest.seconds), peakRssMb: totals.peak_rss_mb ?? -1, processSeconds: ingest.seconds };
  } finally {
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function copyOnce(copyCsv: string): Promise<number> {
  const db = await freshDatabase('bench_batch_copy');
  try {
    const copy = await runChild('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy transactions(${TRANSACTION_COLUMNS.join(',')}) from '${copyCsv}' with (format csv)`], {
      cwd: repoRoot(),
    });
    if (copy.code !== 0) throw new Error(`psql failed: ${copy.stderr.join('\n')}`);
    return copy.seconds;
  } finally {
    await db.drop();
  }
}

export default defineBenchmark({
  name: 'batch-ingest-csv',
  description: 'batch ingest of a large CSV statement (child process -> PostgreSQL): rows/s and peak RSS, beside psql \\copy of the same rows',
  async run({ log }) {
    const sizes = sizesFromEnv();
    const chunk = process.env.BENCH_BATCH_CHUNK ?? '10000';
    const heapCapMb = Number(process.env.BENCH_BATCH_HEAP_CAP_MB ?? 128);
    const withPglite = process.env.BENCH_BATCH_PGLITE !== '0';
    const work = await mkdtemp(join(tmpdir(), 'bench-batch-'));
    const metrics: Metric[] = [];
    const notes: string[] = [];
    try {
      log('bundling the batch app for the plain-node runs');
      const bundle = await bundleBatchApp(repoRoot());
      // A small file first (issue #21: target < 150 MB for 10 rows), beside a bare node process.
      log('ingest of a 10-row statement (node, bundled): PostgreSQL, PGlite first and second run');
      const smallDb = await freshDatabase('bench_batch_small');
      try {
        const small = await measureSmallFileMemory(bundle, smallDb.url, 10);
        // Peaks measured from outside until each process had ended (tools/bench/process-peak.ts).
        metrics.push(
          { name: 'ingest 10 rows peak RSS, PostgreSQL, node bundled', value: small.postgres.process, unit: 'MB' },
          { name: 'ingest 10 rows peak RSS, embedded PGlite, node bundled', value: small.pglite.process, unit: 'MB' },
          { name: 'ingest 10 rows peak RSS as the app reports it, embedded PGlite', value: small.pglite.reported, unit: 'MB' },
          { name: 'ingest 10 rows peak RSS, embedded PGlite first run (new cluster), node bundled', value: small.pgliteFirstRun.process, unit: 'MB' },
          { name: 'ingest 10 rows peak RSS of the process tree, embedded PGlite first run', value: small.pgliteFirstRun.tree, unit: 'MB' },
          { name: 'reference: bare node process peak RSS', value: small.bareNode, unit: 'MB' },
          { name: 'reference: bare PGlite open of the same directory (same buffer cache), select 1, close: peak RSS', value: small.barePglite, unit: 'MB' },
        );
      } finally {
        await smallDb.drop();
      }
      for (const [i, rows] of sizes.entries()) {
        const label = rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1_000}k`;
        const statement = join(work, `statement-${label}.csv`);
        const copyCsv = join(work, `copy-${label}.csv`);
        log(`writing a ${rows}-row statement and the same rows for \\copy`);
        await writeStatementCsv(statement, rows);
        if ((await writeCopyCsv(statement, copyCsv)) !== rows) throw new Error(`\\copy input does not hold ${rows} rows`);

        log(`psql \\copy of ${rows} rows`);
        const copyRate = rows / (await copyOnce(copyCsv));
        log(`ingest of ${rows} rows (tsx)`);
        const ingest = await ingestOnce(statement, rows, work, chunk);
        log(`ingest of ${rows} rows (node, bundled)`);
        const bundled = await ingestOnce(statement, rows, work, chunk, { bundle });
        metrics.push(
          { name: `ingest ${label} rows`, value: Math.round(ingest.rowsPerSecond), unit: 'rows/s' },
          { name: `psql \\copy ${label} rows`, value: Math.round(copyRate), unit: 'rows/s' },
          { name: `ingest / \\copy ${label}`, value: Math.round((ingest.rowsPerSecond / copyRate) * 100), unit: '%' },
          { name: `ingest ${label} peak RSS`, value: ingest.peakRssMb, unit: 'MB' },
          { name: `ingest ${label} process`, value: Math.round(ingest.processSeconds * 10) / 10, unit: 's' },
          { name: `ingest ${label} rows, node bundled`, value: Math.round(bundled.rowsPerSecond), unit: 'rows/s' },
          { name: `ingest / \\copy ${label}, node bundled`, value: Math.round((bundled.rowsPerSecond / copyRate) * 100), unit: '%' },
          { name: `ingest ${label} peak RSS, node bundled`, value: bundled.peakRssMb, unit: 'MB' },
          { name: `ingest ${label} process, node bundled`, value: Math.round(bundled.processSeconds * 10) / 10, unit: 's' },
        );
        if (withPglite) {
          log(`ingest of ${rows} rows into embedded PGlite (node, bundled)`);
          const embedded = await ingestOnce(statement, rows, work, chunk, { bundle, pglite: true });
          metrics.push(
            { name: `ingest ${label} rows, embedded PGlite, node bundled`, value: Math.round(embedded.rowsPerSecond), unit: 'rows/s' },
            { name: `ingest ${label} peak RSS, embedded PGlite, node bundled`, value: embedded.peakRssMb, unit: 'MB' },
          );
        }
        notes.push(`${label}: statement ${Math.round((await stat(statement)).size / 1e6)} MB, \\copy input ${Math.round((await stat(copyCsv)).size / 1e6)} MB`);
        if (i === sizes.length - 1 && heapCapMb > 0) {
          log(`ingest of ${rows} rows with --max-old-space-size=${heapCapMb}`);
          const capped = await ingestOnce(statement, rows, work, chunk, { nodeOptions: `--max-old-space-size=${heapCapMb}` });
          metrics.push(
            { name: `ingest ${label} rows, heap cap ${heapCapMb} MB`, value: Math.round(capped.rowsPerSecond), unit: 'rows/s' },
            { name: `ingest ${label} peak RSS, heap cap ${heapCapMb} MB`, value: capped.peakRssMb, unit: 'MB' },
          );
        }
        await rm(copyCsv);
      }
      notes.push(
        `ingest rows/s over the file's own time (sha256 + streamed parse + insert keeping stored tx_ids, in one transaction); process time adds node/tsx start and migrations; ` +
          `"node bundled" = the same app bundled by esbuild (npm packages external, lazily loaded modules in their own chunks) and run without the tsx loader; ` +
          `chunk ${chunk} rows per write; both targets are the migrated transactions table (3 indexes, change stamps: insert defaults, update trigger; the store COPYs rows that are all new); same 2-core machine as PostgreSQL`,
      );
      return { metrics, notes };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
});
