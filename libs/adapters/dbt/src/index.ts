export { ProcessDbtRunner, DbtRunError, type ProcessDbtRunnerOptions } from './process-dbt-runner.ts';
export { createProcessDbtRunner, type DbtRunnerSettings } from './create-dbt-runner.ts';
export { DbtModelDocs } from './docs/dbt-model-docs.ts';
export { compareMartsWithDuckDb, type MartComparisonResult, type MartComparisonSettings } from './mart-comparison.ts';
