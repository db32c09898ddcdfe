export { ProcessDbtRunner, DbtRunError, type ProcessDbtRunnerOptions } from './process-dbt-runner.ts';
export { createProcessDbtRunner, type DbtRunnerSettings } from './create-dbt-runner.ts';
