import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { createProcessDbtRunner, type DbtRunnerSettings } from './create-dbt-runner.ts';
import { DbtModelDocs } from './docs/dbt-model-docs.ts';
import type { ProcessDbtRunner } from './process-dbt-runner.ts';

/** The environment variables the dbt adapter reads (names and meaning in .env.example). */
export type DbtEnv = Pick<LedgerlineEnv, 'DBT_ENABLED' | 'DBT_TARGET' | 'DBT_PROJECT_DIR' | 'WAREHOUSE'>;

/** What a runner is given per use: the files of this run (the rest comes from the environment). */
export type DbtRunExtras = Omit<DbtRunnerSettings, 'repoRoot' | 'projectDir' | 'target'> & { readonly target?: DbtRunnerSettings['target'] };

/**
 * dbt as this environment configures it, for every app (warehouse-sync, the pipeline, the agent,
 * the Snowflake smoke): one rule for the project directory (DBT_PROJECT_DIR against the repository
 * root), one for the target (DBT_TARGET, else the warehouse in use) and one for whether it runs.
 */
export interface DbtAdapter {
  /** DBT_ENABLED: dbt runs after syncs that changed rows. */
  readonly enabled: boolean;
  /**
   * Why dbt cannot run here (DBT_ENABLED=false, or no dbt in the project's .venv); undefined
   * when it can. A process that can do without dbt skips its stage with this reason.
   */
  readonly unavailable: string | undefined;
  /** The target `dbt build` uses: DBT_TARGET, else WAREHOUSE. */
  readonly target: string;
  /** The dbt project, absolute. */
  readonly projectDir: string;
  /** `dbt build` through tools/dbt/dbt.sh on this project (a smoke may pick another target). */
  runner(extras: DbtRunExtras): ProcessDbtRunner;
  /** The models' documentation (manifest, else the YAML) for the agent and its index. */
  modelDocs(): DbtModelDocs;
  /** The adapter's own label for start-up banners. */
  readonly description: string;
}

export function dbtFromEnv(env: DbtEnv, options: { readonly repoRoot: string }): DbtAdapter {
  const projectDir = resolve(options.repoRoot, env.DBT_PROJECT_DIR);
  const target = env.DBT_TARGET ?? env.WAREHOUSE;
  const unavailable = !env.DBT_ENABLED
    ? 'disabled by DBT_ENABLED=false'
    : existsSync(resolve(options.repoRoot, '.venv/bin/dbt'))
      ? undefined
      : 'no dbt in .venv (Python 3 missing or `npm run setup` not run)';
  return {
    enabled: env.DBT_ENABLED,
    unavailable,
    target,
    projectDir,
    runner: (extras) => createProcessDbtRunner({ target, ...extras, repoRoot: options.repoRoot, projectDir }),
    modelDocs: () => new DbtModelDocs(projectDir),
    description: `dbt build via tools/dbt/dbt.sh (target ${target}, project ${projectDir})`,
  };
}
