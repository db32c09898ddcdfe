export { PgBossFlowRunner } from './pg-boss-flow-runner.ts';
export { pgBossFlowRunnerOptionsSchema, type PgBossFlowRunnerOptions } from './configuration.ts';
