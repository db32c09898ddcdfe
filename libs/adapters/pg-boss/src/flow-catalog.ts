import type { FlowDefinition, RegisteredFlow } from '@ledgerline/flows';
import { z } from 'zod';
import type { PgBossSql } from './recent-runs.ts';

const CATALOG_TABLE = 'ledgerline_flow_catalog';

const registeredSchema = z.object({
  name: z.string(),
  description: z.string(),
  schedule: z.string().optional(),
  everySeconds: z.number().int().positive().optional(),
  backfillable: z.boolean().optional(),
  retry: z.object({ limit: z.number().int().min(0), delaySeconds: z.number().min(0), backoff: z.boolean() }),
  missed: z.enum(['skip', 'once']),
  timeoutSeconds: z.number().positive(),
});

function registered(flow: FlowDefinition): RegisteredFlow {
  const { run: _run, ...rest } = flow;
  return registeredSchema.parse(rest);
}

/**
 * What the workers run, for processes that run none of it (the standalone dashboard): pg-boss keeps
 * a queue's retry and timeout settings but not a flow's description, interval or backfill rule, so
 * each worker start writes its definitions (without `run`) to a table of ours beside pg-boss' tables.
 * The main job (`prune`) also removes flows it no longer defines; a CLI run only adds.
 */
export async function registerFlows(db: PgBossSql, schema: string, flows: readonly FlowDefinition[], { prune }: { prune: boolean }): Promise<void> {
  // Serialized by an advisory lock: two workers starting at once would race CREATE TABLE IF NOT EXISTS.
  await db.executeSql(
    `BEGIN;
     SELECT pg_advisory_xact_lock(hashtext('${schema}.${CATALOG_TABLE}'));
     CREATE TABLE IF NOT EXISTS ${schema}.${CATALOG_TABLE} (name text PRIMARY KEY, definition jsonb NOT NULL, registered_at timestamptz NOT NULL DEFAULT now());
     COMMIT;`,
  );
  const rows = flows.map(registered);
  await db.executeSql(
    `INSERT INTO ${schema}.${CATALOG_TABLE} (name, definition)
     SELECT d->>'name', d FROM jsonb_array_elements($1::jsonb) AS d
     ON CONFLICT (name) DO UPDATE SET definition = EXCLUDED.definition, registered_at = now()`,
    [JSON.stringify(rows)],
  );
  if (prune) await db.executeSql(`DELETE FROM ${schema}.${CATALOG_TABLE} WHERE NOT (name = ANY($1::text[]))`, [rows.map((r) => r.name)]);
}

/** The registered flows by name; empty when no worker has registered any yet. */
export async function registeredFlows(db: PgBossSql, schema: string): Promise<RegisteredFlow[]> {
  const { rows } = await db.executeSql(`SELECT to_regclass('${schema}.${CATALOG_TABLE}') IS NOT NULL AS present`);
  if (!z.object({ present: z.boolean() }).parse(rows[0]).present) return [];
  const found = await db.executeSql(`SELECT definition FROM ${schema}.${CATALOG_TABLE} ORDER BY name`);
  return found.rows.map((row) => registeredSchema.parse(z.object({ definition: z.unknown() }).parse(row).definition));
}
