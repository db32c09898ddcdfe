import type { FlowRunRecord } from '@ledgerline/flows';
import { z } from 'zod';
import { toRunRecord } from './run-record.ts';

/** pg-boss' database handle (its IDatabase): plain SQL with `$n` parameters. */
export interface PgBossSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** pg-boss 12's job states (its `job_state` enum). */
export type PgBossJobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

const rowSchema = z.object({
  id: z.string(),
  name: z.string(),
  data: z.unknown(),
  state: z.string(),
  retry_count: z.coerce.number(),
  created_on: z.coerce.date(),
  started_on: z.coerce.date().nullable(),
  completed_on: z.coerce.date().nullable(),
  output: z.unknown(),
});

/**
 * The newest runs of the given flows. pg-boss' own `findJobs` pages oldest first (it is built to
 * drain a queue), so after a few hundred runs it would show a flow's first runs, not its last: this
 * reads the same job table (pg-boss 12's `<schema>.job`, the parent of every queue's partition)
 * newest first. The columns are pg-boss' public job fields; the contract suite's history case
 * fails if a pg-boss upgrade moves them.
 */
export async function recentRuns(db: PgBossSql, schema: string, flows: readonly string[], limit: number, states?: readonly PgBossJobState[]): Promise<FlowRunRecord[]> {
  if (flows.length === 0) return [];
  const { rows } = await db.executeSql(
    `SELECT id::text AS id, name, data, state::text AS state, retry_count, created_on, started_on, completed_on, output
       FROM ${schema}.job
      WHERE name = ANY($1::text[])${states ? ' AND state::text = ANY($3::text[])' : ''}
      ORDER BY created_on DESC, id DESC
      LIMIT $2`,
    states ? [[...flows], limit, [...states]] : [[...flows], limit],
  );
  return rows.map((raw) => {
    const row = rowSchema.parse(raw);
    return toRunRecord({
      id: row.id,
      name: row.name,
      data: row.data,
      state: row.state,
      retryCount: row.retry_count,
      createdOn: row.created_on,
      startedOn: row.started_on,
      completedOn: row.completed_on,
      output: row.output,
    });
  });
}
