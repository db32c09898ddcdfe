import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wasmTierNodeFlags } from '../../libs/adapters/postgres/src/client/pglite-wasm-tier.ts';
import { runMeasured } from './process-peak.ts';
import { wasmMemoryResidentMb } from './wasm-memory-probe.ts';

export interface MainJobPeak {
  /** VmHWM of the job's own process (PGlite, DuckDB, bus, dashboard, Node heap). */
  processMb: number;
  /** Largest sum of RSS over the job and the processes it starts (dbt, initdb, a page build). */
  treeMb: number;
  /** Largest RSS of any one child process, by command name. */
  childrenMb: Record<string, number>;
  /** Largest resident size of PGlite's WASM memory (its Postgres heap) inside the job's process. */
  pgliteWasmMb: number;
  /** The job's last status line and its `stopped:` line (what it did in the run). */
  lastStatus: string;
  stopped: string;
  /** Empty when the job stopped by itself with exit 0; else what went wrong (the peaks are still its own, up to then). */
  failure: string;
  wallSeconds: number;
}

/**
 * Runs the bundled main job (`npm start`'s process: embedded PGlite, in-process bus, DuckDB,
 * dashboard, dbt when the venv exists) on a fresh DATA_DIR for `seconds` (`--duration`), measured
 * from outside until it has ended (process-peak.ts). `env` is added to the job's environment.
 * A run that does not stop by itself within 10 minutes after `seconds` is killed and reported.
 */
export async function measureMainJob(bundle: string, seconds: number, env: Record<string, string> = {}): Promise<MainJobPeak> {
  const work = mkdtempSync(join(tmpdir(), 'main-job-memory-'));
  try {
    const jobEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(work, 'data'), LOG_LEVEL: 'warn', ...env };
    // Embedded defaults only: no real service the caller's environment may name.
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'CHROMA_URL', 'GOOGLE_API_KEY', 'LLM_BASE_URL', 'S3_ENDPOINT']) delete jobEnv[name];
    const started = Date.now();
    const run = await runMeasured(process.execPath, [bundle, '--duration', String(seconds), '--dashboard-port', '0', '--status-every', '30'], {
      cwd: work,
      env: jobEnv,
      timeoutMs: (seconds + 600) * 1000,
      pollMs: 50,
      probe: wasmMemoryResidentMb,
      probeEveryMs: 2000,
    });
    const lines = run.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    const stopped = lines.find((line) => line.startsWith('stopped:'));
    // A job that failed or hung is reported with its peaks so far, never as a clean run.
    const failure =
      run.status === 0 && stopped
        ? ''
        : `did not stop cleanly (${run.status ?? run.signal}): ${run.stderr.split('\n').find((line) => line.startsWith('pipeline failed')) ?? run.stderr.slice(-300)}`;
    return {
      processMb: run.processPeakMb,
      treeMb: run.treePeakMb,
      childrenMb: run.childPeaksMb,
      pgliteWasmMb: run.probePeak ?? 0,
      lastStatus: (stopped ? lines.at(lines.indexOf(stopped) - 1) : lines.at(-1)) ?? '',
      stopped: stopped ?? '',
      failure,
      wallSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The reference child: what the job's two engines cost when opened bare, in one plain node
 * process: PGlite on an existing cluster (V8 baseline tier, as the job runs it) and a DuckDB
 * file, one `select 1` and a small table each, then close.
 */
const REFERENCE_SCRIPT = `
const [pgliteUrl, duckdbUrl, pgDir, duckFile] = process.argv.slice(1);
const pglite = await import(pgliteUrl);
const PGlite = pglite.PGlite ?? pglite.default.PGlite;
const { DuckDBInstance } = await import(duckdbUrl);
const pg = await PGlite.create(pgDir);
await pg.query('select 1');
await pg.query('create table if not exists t as select g as id from generate_series(1, 1000) g');
const duck = await DuckDBInstance.create(duckFile);
const connection = await duck.connect();
await connection.run('select 1');
await connection.run('create or replace table t as select range as id from range(1000)');
connection.closeSync();
duck.closeSync();
await pg.close();
`;

export interface ReferencePeaks {
  bareNodeMb: number;
  /** PGlite (existing cluster) + DuckDB file opened bare in one node process. */
  barePgliteDuckdbMb: number;
  /** Of which PGlite's WASM memory. */
  barePgliteWasmMb: number;
}

/** The references, measured the same way as the job (from outside, until exit), in the same run. */
export async function measureReferences(): Promise<ReferencePeaks> {
  const work = mkdtempSync(join(tmpdir(), 'main-job-reference-'));
  try {
    const resolveUrl = (name: string) => pathToFileURL(createRequire(import.meta.url).resolve(name)).href;
    const args = [resolveUrl('@electric-sql/pglite'), resolveUrl('@duckdb/node-api'), join(work, 'pglite'), join(work, 'reference.duckdb')];
    // First run makes the cluster (initdb, not measured); the second is the reference.
    const script = ['--input-type=module', '-e', REFERENCE_SCRIPT, ...args];
    const setup = await runMeasured(process.execPath, script, { timeoutMs: 600_000 });
    if (setup.status !== 0) throw new Error(`reference setup failed: ${setup.stderr}`);
    const bare = await runMeasured(process.execPath, [...wasmTierNodeFlags(false), ...script], { timeoutMs: 600_000, probe: wasmMemoryResidentMb, probeEveryMs: 100 });
    if (bare.status !== 0) throw new Error(`reference failed: ${bare.stderr}`);
    const node = await runMeasured(process.execPath, ['-e', 'setTimeout(() => undefined, 50)']);
    return { bareNodeMb: node.processPeakMb, barePgliteDuckdbMb: bare.processPeakMb, barePgliteWasmMb: bare.probePeak ?? 0 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
