import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, repoRoot, type TestDatabase } from '@ledgerline/testing';
import { writeLargeStatementCsv } from './large-statement-csv.test-support.ts';
import { connectProbe, type ProbeConnection } from '@ledgerline/postgres/testing';

const ROWS = 150_000;

interface Ingester {
  child: ChildProcess;
  stderr: string[];
  stdout: string[];
  exited: Promise<number | null>;
}

// The ingest command as deployed -- its own node process (no npx/tsx wrapper between, so SIGKILL
// hits the process that holds the database transaction).
function startIngester(dataDir: string, databaseUrl: string): Ingester {
  const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'batch', 'src', 'main.ts'), 'ingest', '--json'], {
    cwd: repoRoot(),
    env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const stdout: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { child, stderr, stdout, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

/** Resolves with the rows reported by the first progress line (the file's transaction is open then). */
function firstProgress(ingester: Ingester, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      const line = ingester.stderr.find((l) => /^ingesting big\.csv: [\d,]+ rows so far/.test(l));
      if (line) return resolve(Number((/: ([\d,]+) rows/.exec(line)?.[1] ?? '0').replace(/,/g, '')));
      if (Date.now() > deadline || ingester.child.exitCode !== null) return reject(new Error(`no progress line; stderr: ${ingester.stderr.join('\n')}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

describe('batch ingest crash safety (child process, PostgreSQL)', () => {
  let database: TestDatabase;
  let client: ProbeConnection;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('batch_crash');
    client = await connectProbe(database.url);
    dataDir = await mkdtemp(join(tmpdir(), 'batch-crash-'));
    await mkdir(join(dataDir, 'incoming'), { recursive: true });
  });

  afterAll(async () => {
    await client?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n);

  it('loads a file exactly once when the ingester is killed in the middle of it and restarted', async () => {
    const big = join(dataDir, 'big.csv');
    await writeLargeStatementCsv(big, ROWS);
    await copyFile(big, join(dataDir, 'incoming', 'big.csv'));

    const first = startIngester(dataDir, database.url);
    const rowsAtKill = await firstProgress(first, 120_000);
    // The transaction is open and holds part of the file: kill -9, no chance to clean up.
    const open = await count(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(rowsAtKill).toBeGreaterThan(0);
    expect(rowsAtKill).toBeLessThan(ROWS);
    expect(open).toBeGreaterThanOrEqual(1);

    // Nothing of the killed run is visible, and the file waits in incoming/ for the next run.
    expect(await count('SELECT count(*) AS n FROM transactions')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM ingested_files')).toBe(0);
    expect(await readdir(join(dataDir, 'incoming'))).toEqual(['big.csv']);

    const second = startIngester(dataDir, database.url);
    expect(await second.exited).toBe(0);
    const loaded = JSON.parse(second.stdout[0] ?? '{}') as { status?: string; rows?: number; inserted?: number };
    expect(loaded).toMatchObject({ status: 'loaded', rows: ROWS, inserted: ROWS });
    expect(await count('SELECT count(*) AS n FROM transactions')).toBe(ROWS);
    expect(await count(`SELECT count(*) AS n FROM ingested_files WHERE file_name = 'big.csv' AND rows = ${ROWS}`)).toBe(1);
    expect(await readdir(join(dataDir, 'processed'))).toEqual(['big.csv']);

    // Delivered again (same bytes, new name): a no-op that names the first load.
    await copyFile(big, join(dataDir, 'incoming', 'big-again.csv'));
    const third = startIngester(dataDir, database.url);
    expect(await third.exited).toBe(0);
    expect(JSON.parse(third.stdout[0] ?? '{}')).toMatchObject({ status: 'already_ingested', previous: { file_name: 'big.csv' } });
    expect(await count('SELECT count(*) AS n FROM transactions')).toBe(ROWS);
    expect(await count('SELECT count(*) AS n FROM ingested_files')).toBe(1);
  }, 150_000);
});
