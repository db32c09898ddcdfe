import type { Logger } from '@ledgerline/logging';
import type { PgBossFlowRunnerOptions } from './configuration.ts';
import { PgBossFlowControl } from './pg-boss-flow-control.ts';
import { PgBossFlowRunner } from './pg-boss-flow-runner.ts';
import type { PgBossSql } from './recent-runs.ts';

/** Where pg-boss keeps its tables: PostgreSQL by URL, or a database handle (the embedded store's). */
export type PgBossTarget = { connectionString: string } | { database: PgBossSql };

export interface OpenedPgBossFlowRunner {
  runner: PgBossFlowRunner;
  /** The adapter's own label, for start-up banners. */
  description: string;
}

/**
 * The flow runner on pg-boss for a target the Postgres adapter names (its `jobDatabase`): apps pass
 * that along and never see the URL's driver or the handle's SQL. Library errors go to the logger.
 */
export function openPgBossFlowRunner(target: PgBossTarget, options: { logger?: Logger } & Omit<PgBossFlowRunnerOptions, 'connectionString'> = {}): OpenedPgBossFlowRunner {
  const { logger, ...rest } = options;
  const onError = (error: unknown) => logger?.warn('flow runner (pg-boss) error', { error: error instanceof Error ? error.message : String(error) });
  if ('connectionString' in target) {
    return { runner: new PgBossFlowRunner({ ...rest, connectionString: target.connectionString }, undefined, onError), description: 'pg-boss 12 on PostgreSQL (schema ledgerline_flows)' };
  }
  return { runner: new PgBossFlowRunner({ singleWorker: true, ...rest }, target.database, onError), description: "pg-boss 12 on the embedded store's connection (schema ledgerline_flows, one worker)" };
}

/**
 * The flows of the job store on PostgreSQL for a process that runs none (the standalone dashboard):
 * history and run requests, executed by the workers. Embedded (PGlite) has no such view: its one
 * connection belongs to the main job, which serves its own dashboard.
 */
export function openPgBossFlowControl(target: { connectionString: string }, options: { logger?: Logger } = {}): { control: PgBossFlowControl; description: string } {
  const onError = (error: unknown) => options.logger?.warn('flow control (pg-boss) error', { error: error instanceof Error ? error.message : String(error) });
  return { control: new PgBossFlowControl({ connectionString: target.connectionString }, onError), description: 'pg-boss 12 job store on PostgreSQL (schema ledgerline_flows): history and run requests, run by the main job' };
}
