export { PgBossFlowRunner } from './pg-boss-flow-runner.ts';
export { openPgBossFlowControl, openPgBossFlowRunner, type OpenedPgBossFlowRunner, type PgBossTarget } from './adapter.ts';
export { PgBossFlowControl, type PgBossFlowControlOptions } from './pg-boss-flow-control.ts';
export { pgBossFlowRunnerOptionsSchema, type PgBossFlowRunnerOptions } from './configuration.ts';
export type { PgBossSql } from './recent-runs.ts';
