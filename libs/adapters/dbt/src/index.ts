// The factory every app builds dbt through (architecture §2), and the configuration it owns.
export { dbtFromEnv, type DbtAdapter, type DbtEnv, type DbtRunExtras } from './adapter.ts';
export { ProcessDbtRunner, DbtRunError, type ProcessDbtRunnerOptions } from './process-dbt-runner.ts';
export { createProcessDbtRunner, type DbtRunnerSettings } from './create-dbt-runner.ts';
export { DbtModelDocs } from './docs/dbt-model-docs.ts';
export { compareMartsWithDuckDb, type MartComparisonResult, type MartComparisonSettings } from './mart-comparison.ts';
