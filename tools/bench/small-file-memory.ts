import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStatementCsv } from './batch-bench-support.ts';

export interface SmallFileMemory {
  /** Peak RSS (MB) of `batch ingest` of the file, as the app reports it (process.resourceUsage().maxRSS). */
  postgres: number;
  /** Embedded PGlite, fresh DATA_DIR: the cluster is created (initdb) in the same run. */
  pgliteFirstRun: number;
  /** Embedded PGlite, the same DATA_DIR again (a second file). */
  pglite: number;
  /** Reference, same machine, same moment: a bare node process (what any node app starts from). */
  bareNode: number;
}

/**
 * Peak RSS of the bundled batch app ingesting one small CSV statement (`rows` rows), each run a
 * fresh child process: into PostgreSQL (`databaseUrl`), and into embedded PGlite on its first and
 * second run, beside a bare node process measured the same way.
 */
export async function measureSmallFileMemory(bundle: string, databaseUrl: string, rows = 10): Promise<SmallFileMemory> {
  const work = mkdtempSync(join(tmpdir(), 'small-file-memory-'));
  try {
    const statement = join(work, 'statement.csv');
    await writeStatementCsv(statement, rows);
    // The embedded runs must not inherit a DATABASE_URL from the caller's environment.
    const baseEnv: NodeJS.ProcessEnv = { ...process.env };
    delete baseEnv['DATABASE_URL'];
    const ingest = (dataDir: string, name: string, env: Record<string, string> = {}): number => {
      const incoming = join(dataDir, 'incoming');
      mkdirSync(incoming, { recursive: true });
      copyFileSync(statement, join(incoming, name));
      const run = spawnSync(process.execPath, [bundle, 'ingest', '--json', '--dir', incoming], {
        cwd: work,
        env: { ...baseEnv, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const lines = run.stdout.trim().split('\n');
      const file = JSON.parse(lines[0] ?? '{}') as { status?: string };
      const totals = JSON.parse(lines.at(-1) ?? '{}') as { peak_rss_mb?: number };
      if (run.status !== 0 || !['loaded', 'already_ingested'].includes(file.status ?? '') || totals.peak_rss_mb === undefined) {
        throw new Error(`ingest failed (${run.status}): ${run.stdout}\n${run.stderr}`);
      }
      return totals.peak_rss_mb;
    };
    const postgres = ingest(join(work, 'pg'), 'statement.csv', { DATABASE_URL: databaseUrl });
    const pgliteFirstRun = ingest(join(work, 'pglite'), 'first.csv');
    const pglite = ingest(join(work, 'pglite'), 'second.csv');
    const bare = spawnSync(process.execPath, ['-e', 'console.log(Math.round(process.resourceUsage().maxRSS / 1024))'], { encoding: 'utf8' });
    return { postgres, pgliteFirstRun, pglite, bareNode: Number(bare.stdout.trim()) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
