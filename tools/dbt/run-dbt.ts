import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const DBT_SH = resolve(import.meta.dirname, 'dbt.sh');

/** Where one dbt invocation reads and writes: its warehouse file and its own target/log dirs. */
export interface DbtWorkspace {
  readonly warehousePath: string;
  /** dbt's target/ (manifest, run_results.json); one per concurrent run. */
  readonly targetPath: string;
  readonly logPath: string;
}

// The parts of target/run_results.json this tool relies on.
const runResultsSchema = z.object({
  results: z.array(
    z.object({
      unique_id: z.string(),
      status: z.string(),
      message: z.string().nullable().optional(),
    }),
  ),
});

export interface DbtRunSummary {
  /** Status per node unique_id (`success`, `pass`, `fail`, `error`, `skipped`...). */
  readonly statuses: ReadonlyMap<string, string>;
  /** Nodes that neither succeeded nor passed, with dbt's message. */
  readonly failures: ReadonlyArray<{ uniqueId: string; status: string; message: string | null }>;
}

const OK = new Set(['success', 'pass']);

/**
 * Runs `tools/dbt/dbt.sh <args>` against `workspace` and returns what run_results.json says.
 * A non-zero exit rejects with the tail of dbt's output, so a test failure shows why.
 */
export async function runDbt(args: readonly string[], workspace: DbtWorkspace): Promise<DbtRunSummary> {
  const env = {
    ...process.env,
    WAREHOUSE_DUCKDB_PATH: workspace.warehousePath,
    DBT_TARGET_PATH: workspace.targetPath,
    DBT_LOG_PATH: workspace.logPath,
    DBT_TARGET: 'duckdb',
    NO_COLOR: '1',
  };
  try {
    await run('bash', [DBT_SH, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error: unknown) {
    const output = z.object({ stdout: z.string().optional(), stderr: z.string().optional() }).safeParse(error);
    const tail = output.success ? `${output.data.stdout ?? ''}\n${output.data.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n') : String(error);
    throw new Error(`dbt ${args.join(' ')} failed:\n${tail}`);
  }
  const results = runResultsSchema.parse(JSON.parse(readFileSync(join(workspace.targetPath, 'run_results.json'), 'utf8')));
  return {
    statuses: new Map(results.results.map((r) => [r.unique_id, r.status])),
    failures: results.results
      .filter((r) => !OK.has(r.status))
      .map((r) => ({ uniqueId: r.unique_id, status: r.status, message: r.message ?? null })),
  };
}
