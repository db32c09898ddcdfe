import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_PGLITE_SHARED_BUFFERS } from '../../libs/adapters/postgres/src/client/pglite-server.ts';
import { wasmTierNodeFlags } from '../../libs/adapters/postgres/src/client/pglite-wasm-tier.ts';
import { writeStatementCsv } from './batch-bench-support.ts';
import { runMeasured } from './process-peak.ts';

export interface IngestPeak {
  /** Peak RSS (MB) measured from outside until the process had ended (VmHWM): the target's figure. */
  process: number;
  /** Largest sum of RSS over the process and any child process it starts (e.g. a PGlite initdb). */
  tree: number;
  /** What the app itself reports before it shuts down (`peak_rss_mb`, process.resourceUsage().maxRSS). */
  reported: number;
}

export interface SmallFileMemory {
  /** `batch ingest` into PostgreSQL (DATABASE_URL). */
  postgres: IngestPeak;
  /** Embedded PGlite, fresh DATA_DIR: the cluster is created in this run. */
  pgliteFirstRun: IngestPeak;
  /** Embedded PGlite, the same DATA_DIR again, a second statement (new rows). */
  pglite: IngestPeak;
  /** Reference, same machine, same moment, measured the same way: a bare node process. */
  bareNode: number;
  /**
   * Reference: a bare script opening the app's PGlite directory (an existing cluster) with the
   * app's buffer cache and WASM tier, one `select 1`, close: what PGlite alone costs.
   */
  barePglite: number;
}

/** PGlite opened bare, as the store opens it: PGlite's start parameters with `shared_buffers`. */
const BARE_PGLITE_SCRIPT = `
const [pgliteUrl, dir, sharedBuffers] = process.argv.slice(1);
const { PGlite } = await import(pgliteUrl);
const db = await PGlite.create(dir, { startParams: ['--single', '-F', '-O', '-j', '-c', 'search_path=public', '-c', 'exit_on_error=false',
  '-c', 'max_worker_processes=0', '-c', 'max_parallel_workers=0', '-c', 'io_method=sync', '-c', 'shared_buffers=' + sharedBuffers] });
await db.query('select 1');
await db.close();
`;

/**
 * Peak RSS of the bundled batch app ingesting small CSV statements (`rows` rows), each run a fresh
 * child process measured from outside (tools/bench/process-peak.ts): into PostgreSQL
 * (`databaseUrl`), and into embedded PGlite on its first and second run, beside a bare node process.
 * `env` is added to every run (e.g. PGLITE_WASM_OPTIMIZE=true to measure V8's default tiering).
 */
export async function measureSmallFileMemory(bundle: string, databaseUrl: string, rows = 10, env: Record<string, string> = {}): Promise<SmallFileMemory> {
  const work = mkdtempSync(join(tmpdir(), 'small-file-memory-'));
  try {
    const first = join(work, 'first.csv');
    const second = join(work, 'second.csv');
    await writeStatementCsv(first, rows, 'A-SMALL-1');
    await writeStatementCsv(second, rows, 'A-SMALL-2');
    // The embedded runs must not inherit a DATABASE_URL from the caller's environment.
    const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete baseEnv['DATABASE_URL'];
    const ingest = async (dataDir: string, statement: string, extra: Record<string, string> = {}): Promise<IngestPeak> => {
      const incoming = join(dataDir, 'incoming');
      mkdirSync(incoming, { recursive: true });
      copyFileSync(statement, join(incoming, 'statement.csv'));
      const run = await runMeasured(process.execPath, [bundle, 'ingest', '--json', '--dir', incoming], {
        cwd: work,
        env: { ...baseEnv, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra },
      });
      const lines = run.stdout.trim().split('\n');
      const file = JSON.parse(lines[0] ?? '{}') as { status?: string; inserted?: number };
      const totals = JSON.parse(lines.at(-1) ?? '{}') as { peak_rss_mb?: number; totals?: { inserted?: number } };
      if (run.status !== 0 || file.status !== 'loaded' || totals.totals?.inserted !== rows || totals.peak_rss_mb === undefined) {
        throw new Error(`ingest failed (${run.status ?? run.signal}): ${run.stdout}\n${run.stderr}`);
      }
      return { process: run.processPeakMb, tree: run.treePeakMb, reported: totals.peak_rss_mb };
    };
    const postgres = await ingest(join(work, 'pg'), first, { DATABASE_URL: databaseUrl });
    const pgliteFirstRun = await ingest(join(work, 'pglite'), first);
    const pglite = await ingest(join(work, 'pglite'), second);
    const bare = await runMeasured(process.execPath, ['-e', 'setTimeout(() => undefined, 50)']);
    const pgliteUrl = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
    const sharedBuffers = baseEnv['PGLITE_SHARED_BUFFERS'] ?? DEFAULT_PGLITE_SHARED_BUFFERS;
    const script = [...wasmTierNodeFlags(false), '--input-type=module', '-e', BARE_PGLITE_SCRIPT, pgliteUrl, join(work, 'pglite', 'pglite'), sharedBuffers];
    const barePglite = await runMeasured(process.execPath, script, { cwd: work });
    if (barePglite.status !== 0) throw new Error(`bare PGlite reference failed: ${barePglite.stderr}`);
    return { postgres, pgliteFirstRun, pglite, bareNode: bare.processPeakMb, barePglite: barePglite.processPeakMb };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
