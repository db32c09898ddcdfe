import { resolve } from 'node:path';
import type { Logger } from '@ledgerline/logging';
import { ProcessDbtRunner } from './process-dbt-runner.ts';

export interface DbtRunnerSettings {
  /** Repository root: where tools/dbt/dbt.sh lives. */
  readonly repoRoot: string;
  /** The dbt project (DBT_PROJECT_DIR). */
  readonly projectDir: string;
  /** dbt target: duckdb or snowflake. */
  readonly target: string;
  /** Absolute path of the DuckDB warehouse file (used by the duckdb target). */
  readonly warehouseDuckdbPath: string;
  /** Where dbt writes run_results.json; defaults to dbt's own DBT_TARGET_PATH when set, else <projectDir>/target. */
  readonly targetPath?: string;
  /** More `dbt build` arguments, e.g. ['--full-refresh', '--vars', '{...}']. */
  readonly args?: readonly string[];
  /** Variables over the process environment (e.g. SNOWFLAKE_SCHEMA of a scratch run). */
  readonly env?: Readonly<Record<string, string>>;
  readonly logger: Logger;
}

/**
 * `dbt build` through the project's wrapper script, with the paths pinned so that the run's
 * own run_results.json is the one read back. Shared by warehouse-sync and the pipeline.
 */
export function createProcessDbtRunner(settings: DbtRunnerSettings): ProcessDbtRunner {
  const projectDir = resolve(settings.projectDir);
  const targetPath = resolve(settings.targetPath ?? process.env.DBT_TARGET_PATH ?? resolve(projectDir, 'target'));
  return new ProcessDbtRunner({
    command: ['bash', resolve(settings.repoRoot, 'tools/dbt/dbt.sh'), 'build', ...(settings.args ?? [])],
    cwd: settings.repoRoot,
    runResultsPath: resolve(targetPath, 'run_results.json'),
    env: {
      ...process.env,
      ...settings.env,
      DBT_TARGET: settings.target,
      DBT_PROJECT_DIR: projectDir,
      DBT_TARGET_PATH: targetPath,
      WAREHOUSE_DUCKDB_PATH: resolve(settings.warehouseDuckdbPath),
      DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
    },
    logger: settings.logger,
  });
}
