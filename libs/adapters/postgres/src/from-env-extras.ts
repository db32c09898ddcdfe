import { ConfigError, redactUrl, type LedgerlineEnv } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import type { PostgresEnv } from './configuration.ts';
import { createPgoutputChangeSource } from './pgoutput/create-pgoutput-change-source.ts';
import { pgoutputSourceOptionsSchema, type PgoutputSourceOptions, type PgoutputSourceSettings } from './pgoutput/pgoutput-options.ts';
import type { PgoutputChangeSource } from './pgoutput/pgoutput-change-source.ts';
import { PostgresPipelineHealth } from './run-history/postgres-pipeline-health.ts';

/**
 * The dashboard's view of the pipeline's run history: PostgreSQL's pipeline_runs through a small
 * pool of its own, or undefined on the embedded store (PGlite has one connection, and it belongs
 * to the pipeline process), with the reason to show instead.
 */
export function pipelineHealthFromEnv(env: PostgresEnv): { health: PostgresPipelineHealth; description: string } | { health: undefined; reason: string } {
  if (!env.DATABASE_URL) return { health: undefined, reason: 'Postgres is not configured (DATABASE_URL unset)' };
  return { health: new PostgresPipelineHealth(env.DATABASE_URL), description: `PostgreSQL pipeline_runs (${redactUrl(env.DATABASE_URL)})` };
}

/**
 * Where the flows' job store (pg-boss' tables) is for a process that runs no flows (the standalone
 * dashboard): the operational PostgreSQL, or undefined on the embedded store (PGlite's one
 * connection belongs to the main job, which serves its own dashboard), with the reason.
 */
export function jobStoreFromEnv(env: PostgresEnv): { target: { connectionString: string }; description: string } | { target: undefined; reason: string } {
  if (!env.DATABASE_URL) return { target: undefined, reason: 'Postgres is not configured (DATABASE_URL unset): the flows live in the main job, open the dashboard it serves' };
  return { target: { connectionString: env.DATABASE_URL }, description: `flows job store on PostgreSQL (${redactUrl(env.DATABASE_URL)})` };
}

/** The variables of the pgoutput change source (apps/cdc): the database and the CDC_* slot settings. */
export type PgoutputEnv = Pick<LedgerlineEnv, 'DATABASE_URL' | 'CDC_SLOT' | 'CDC_PUBLICATION' | 'CDC_TABLES' | 'CDC_REPLICA_IDENTITY_FULL'>;

// Which variable each option comes from, so a refusal names what the user set.
const VARIABLE_OF: Record<string, keyof PgoutputEnv> = { url: 'DATABASE_URL', slot: 'CDC_SLOT', publication: 'CDC_PUBLICATION', tables: 'CDC_TABLES', replicaIdentityFull: 'CDC_REPLICA_IDENTITY_FULL' };

/**
 * The pgoutput source's settings from the environment (the only reader of CDC_SLOT,
 * CDC_PUBLICATION and CDC_REPLICA_IDENTITY_FULL), validated by the source's own schema: a
 * caller names the slot, publication and tables from what this returns, never from env. Undefined
 * without DATABASE_URL (logical replication needs a real server); a bad value is a ConfigError
 * naming its variable.
 */
export function pgoutputOptionsFromEnv(env: PgoutputEnv): (PgoutputSourceSettings & { url: string }) | undefined {
  if (!env.DATABASE_URL) return undefined;
  const parsed = pgoutputSourceOptionsSchema.safeParse({ url: env.DATABASE_URL, slot: env.CDC_SLOT, publication: env.CDC_PUBLICATION, tables: env.CDC_TABLES, replicaIdentityFull: env.CDC_REPLICA_IDENTITY_FULL });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: VARIABLE_OF[String(issue.path[0])] ?? String(issue.path[0]), message: issue.message })));
  }
  return parsed.data;
}

/**
 * Opens the pgoutput ChangeSource of these options (checks wal_level=logical at once) and labels
 * it for the start-up banner, password redacted.
 */
export async function openPgoutput(options: PgoutputSourceOptions & { url: string }, extras: { logger?: Logger } = {}): Promise<{ source: PgoutputChangeSource; description: string }> {
  const source = await createPgoutputChangeSource({ ...options, ...(extras.logger ? { logger: extras.logger } : {}) });
  return { source, description: `pgoutput slot ${options.slot ?? 'ledgerline_cdc'} on PostgreSQL (${redactUrl(options.url)})` };
}
