import { join } from 'node:path';
import { repoRoot } from '@ledgerline/testing';
import { bundleApp } from '../../build/bundle-app.ts';
import { defineBenchmark, type Metric } from '../benchmark.ts';
import { measureMainJob, measureReferences } from '../main-job-memory.ts';

// Issue #23 part 4: the peak RSS of the main job (`npm start`: embedded PGlite, DuckDB,
// in-process bus, 25 customers, 200 events/s) over a run of BENCH_MAIN_JOB_SECONDS (default 300),
// target < 400 MB, beside a bare PGlite + DuckDB open measured the same way in the same run.
export default defineBenchmark({
  name: 'main-job-memory',
  description: 'peak RSS of the embedded main job (npm start) over a 5-minute run, beside bare node and a bare PGlite + DuckDB open',
  async run({ log }) {
    const seconds = Number(process.env.BENCH_MAIN_JOB_SECONDS ?? 300);
    if (!Number.isFinite(seconds) || seconds < 30) throw new Error('BENCH_MAIN_JOB_SECONDS must be a number >= 30');
    // e.g. BENCH_MAIN_JOB_ENV="PIPELINE_MARKET_ENABLED=false DBT_ENABLED=false" to see what a stage costs.
    const extraEnv = Object.fromEntries(
      (process.env.BENCH_MAIN_JOB_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    const root = repoRoot();
    log('bundling the pipeline app and building the dashboard page if stale (not measured: npm start does both before)');
    // Outside node_modules (the job keeps source maps for its own code only, apps/pipeline/src/source-maps.ts,
    // and node tells packages apart by a node_modules in the path), three levels down like
    // dist/apps/pipeline: the job finds the repo (dbt, .venv) three directories up from its bundle.
    const bundle = await bundleApp(root, 'pipeline', join(root, '.cache', 'bench', 'pipeline'));
    // Loaded here: `npm run bench -- --list` imports every benchmark file.
    const { ensureWebBundle } = await import('@ledgerline/dashboard-http');
    await ensureWebBundle();
    log('references: bare node, bare PGlite + DuckDB open');
    const reference = await measureReferences();
    log(`main job for ${seconds} s on a fresh DATA_DIR${Object.keys(extraEnv).length ? ` with ${JSON.stringify(extraEnv)}` : ''}`);
    const job = await measureMainJob(bundle, seconds, extraEnv);
    const metrics: Metric[] = [
      { name: `main job ${seconds} s: peak RSS, process`, value: job.processMb, unit: 'MB' },
      { name: `main job ${seconds} s: peak RSS, process + children`, value: job.treeMb, unit: 'MB' },
      { name: 'main job: PGlite WASM memory resident at most', value: job.pgliteWasmMb, unit: 'MB' },
      ...Object.entries(job.childrenMb).map(([name, mb]) => ({ name: `main job: child ${name} peak RSS`, value: mb, unit: 'MB' })),
      { name: 'reference: bare node', value: reference.bareNodeMb, unit: 'MB' },
      { name: 'reference: bare PGlite + DuckDB open, select, close', value: reference.barePgliteDuckdbMb, unit: 'MB' },
      { name: 'reference: of which PGlite WASM memory', value: reference.barePgliteWasmMb, unit: 'MB' },
    ];
    return {
      metrics,
      notes: [
        `bundled pipeline (tools/build/bundle-app.ts) on plain node, --duration ${seconds}, fresh DATA_DIR, defaults (25 customers, 200 events/s, wall clock); the run took ${job.wallSeconds} s`,
        ...(Object.keys(extraEnv).length ? [`job environment: ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`] : []),
        `measured from outside every 50 ms until exit (VmHWM; children summed); PGlite WASM memory from /proc/<pid>/smaps every 2 s (tools/bench/wasm-memory-probe.ts); target < 400 MB`,
        `job's last status: ${job.lastStatus}`,
        ...(job.failure ? [`NOT A CLEAN RUN: the job ${job.failure}; peaks are up to then`] : [`job's ${job.stopped}`]),
        'BENCH_MAIN_JOB_SECONDS, BENCH_MAIN_JOB_ENV ("NAME=value NAME=value")',
      ],
    };
  },
});
