import type { JobRun, JobRunSummary, RecordedRun, RunHistory } from '@ledgerline/pipeline';
import type { SqlClient } from '../client/sql-client.ts';

interface RunRow {
  run_id: string;
  job: string;
  started_at: Date;
  finished_at: Date | null;
  rows: string | null;
  status: string;
  error: string | null;
}

// The newest run per job, with that job's failures that started in the last day. ORDER BY names
// the table's columns: a bare run_id would be the text output column ('9' after '10').
const LATEST_PER_JOB_SQL = `
  SELECT DISTINCT ON (job) run_id::text AS run_id, job, started_at, finished_at, rows::text AS rows, status, error,
         (SELECT count(*) FROM pipeline_runs f WHERE f.job = r.job AND f.status = 'failed'
            AND f.started_at > now() - interval '24 hours')::text AS failures_24h
    FROM pipeline_runs r
   ORDER BY r.job, r.started_at DESC, r.run_id DESC`;

const toRecordedRun = (row: RunRow): RecordedRun => ({
  runId: row.run_id,
  job: row.job,
  startedAt: new Date(row.started_at),
  finishedAt: new Date(row.finished_at ?? row.started_at),
  rows: Number(row.rows ?? 0),
  status: row.status === 'succeeded' ? 'ok' : 'failed',
  ...(row.error ? { error: row.error } : {}),
});

/** RunHistory on the `pipeline_runs` table, on the store's own connection. */
export class PostgresRunHistory implements RunHistory {
  constructor(private readonly sql: SqlClient) {}

  async record(run: JobRun): Promise<void> {
    await this.sql.query(
      `INSERT INTO pipeline_runs (job, started_at, finished_at, rows, status, error) VALUES ($1, $2, $3, $4, $5, $6)`,
      [run.job, run.startedAt, run.finishedAt, run.rows, run.status === 'ok' ? 'succeeded' : 'failed', run.error ?? null],
    );
  }

  async recent(limit: number): Promise<RecordedRun[]> {
    const { rows } = await this.sql.query<RunRow>(
      `SELECT run_id::text AS run_id, job, started_at, finished_at, rows::text AS rows, status, error
         FROM pipeline_runs r ORDER BY r.started_at DESC, r.run_id DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toRecordedRun);
  }

  async latestPerJob(): Promise<JobRunSummary[]> {
    const { rows } = await this.sql.query<RunRow & { failures_24h: string }>(LATEST_PER_JOB_SQL);
    return rows.map((row) => ({ ...toRecordedRun(row), failures24h: Number(row.failures_24h) }));
  }
}
