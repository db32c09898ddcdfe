export { PgBossFlowRunner } from './pg-boss-flow-runner.ts';
export { openPgBossFlowRunner, type OpenedPgBossFlowRunner, type PgBossTarget } from './adapter.ts';
export { pgBossFlowRunnerOptionsSchema, type PgBossFlowRunnerOptions } from './configuration.ts';
export type { PgBossSql } from './recent-runs.ts';
