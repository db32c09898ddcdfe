import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore } from '@ledgerline/postgres';
import { createTestDatabase, repoRoot } from '@ledgerline/testing';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { TRANSACTION_COLUMNS, ingestArgs, runChild, writeCopyCsv, writeStatementCsv } from '../batch-bench-support.ts';

// Batch ingestion of one large CSV statement by the ingest command (its own process, real
// PostgreSQL), beside `psql \copy` of exactly the same rows into the same (empty, migrated) table.
// Sizes are run in turn so that peak RSS can be compared: streaming must not grow with the file.
//   BENCH_BATCH_ROWS (default "250000,1000000"), BENCH_BATCH_CHUNK (rows per write, default 5000)
function sizesFromEnv(): number[] {
  const sizes = (process.env.BENCH_BATCH_ROWS ?? '250000,1000000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('BENCH_BATCH_ROWS must be positive integers, comma-separated');
  return sizes;
}

async function freshDatabase(prefix: string) {
  const db = await createTestDatabase(prefix);
  const store = await createPostgresStore({ url: db.url, poolSize: 1 });
  await store.migrate();
  await store.close();
  return db;
}

export default defineBenchmark({
  name: 'batch-ingest-csv',
  description: 'batch ingest of a large CSV statement (child process -> PostgreSQL): rows/s and peak RSS, beside psql \\copy of the same rows',
  async run({ log }) {
    const sizes = sizesFromEnv();
    const chunk = process.env.BENCH_BATCH_CHUNK ?? '5000';
    const root = repoRoot();
    const work = await mkdtemp(join(tmpdir(), 'bench-batch-'));
    const metrics: Metric[] = [];
    const notes: string[] = [];
    try {
      for (const rows of sizes) {
        const label = rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1_000}k`;
        const statement = join(work, `statement-${label}.csv`);
        const copyCsv = join(work, `copy-${label}.csv`);
        log(`writing a ${rows}-row statement and the same rows for \\copy`);
        await writeStatementCsv(statement, rows);
        const copied = await writeCopyCsv(statement, copyCsv);
        if (copied !== rows) throw new Error(`expected ${rows} rows for \\copy, got ${copied}`);

        const copyDb = await freshDatabase('bench_batch_copy');
        const ingestDb = await freshDatabase('bench_batch_ingest');
        try {
          log(`psql \\copy of ${rows} rows`);
          const copy = await runChild('psql', [copyDb.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy transactions(${TRANSACTION_COLUMNS.join(',')}) from '${copyCsv}' with (format csv)`], { cwd: root });
          if (copy.code !== 0) throw new Error(`psql failed: ${copy.stderr.join('\n')}`);

          const dataDir = join(work, `data-${label}`);
          await mkdir(join(dataDir, 'incoming'), { recursive: true });
          await rename(statement, join(dataDir, 'incoming', 'statement.csv'));
          log(`ingest of ${rows} rows`);
          const ingest = await runChild(process.execPath, [...ingestArgs(root, join(dataDir, 'incoming')), '--chunk-size', chunk], {
            cwd: root,
            env: { DATABASE_URL: ingestDb.url, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
          });
          if (ingest.code !== 0) throw new Error(`ingest failed (${ingest.code}): ${[...ingest.stdout, ...ingest.stderr].join('\n')}`);
          const file = JSON.parse(ingest.stdout[0] ?? '{}') as { status?: string; rows?: number; inserted?: number; seconds?: number };
          const totals = JSON.parse(ingest.stdout.at(-1) ?? '{}') as { peak_rss_mb?: number };
          if (file.status !== 'loaded' || file.inserted !== rows) throw new Error(`ingest did not load every row: ${ingest.stdout[0]}`);

          const copyRate = rows / copy.seconds;
          const ingestRate = rows / (file.seconds ?? ingest.seconds);
          metrics.push(
            { name: `ingest ${label} rows`, value: Math.round(ingestRate), unit: 'rows/s' },
            { name: `psql \\copy ${label} rows`, value: Math.round(copyRate), unit: 'rows/s' },
            { name: `ingest / \\copy ${label}`, value: Math.round((ingestRate / copyRate) * 100), unit: '%' },
            { name: `ingest ${label} peak RSS`, value: totals.peak_rss_mb ?? -1, unit: 'MB' },
            { name: `ingest ${label} process`, value: Math.round(ingest.seconds * 10) / 10, unit: 's' },
          );
          const size = (await stat(copyCsv)).size;
          notes.push(`${label}: statement ~${Math.round((rows * 92) / 1e6)} MB, \\copy input ${Math.round(size / 1e6)} MB; ingest rows/s over the file's own time (sha256 + parse + one transaction), process time includes node/tsx start`);
        } finally {
          await copyDb.drop();
          await ingestDb.drop();
        }
      }
      notes.push(`chunk ${chunk} rows per write; both targets are the migrated transactions table (3 indexes, change-tracking trigger); same 2-core machine as PostgreSQL`);
      return { metrics, notes };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
});
