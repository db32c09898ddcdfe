import pg from 'pg';
import { z } from 'zod';
import type { JobStatus, PipelineStatus } from '@ledgerline/pipeline';

const runRow = z.object({
  job: z.string(),
  status: z.string(),
  started_at: z.date(),
  finished_at: z.date().nullable(),
  rows: z.string().nullable(),
  error: z.string().nullable(),
  failures_24h: z.string(),
});

// The newest run per job, with that job's failures over the last day.
const LATEST_RUNS_SQL = `
  SELECT DISTINCT ON (job) job, status, started_at, finished_at, rows::text AS rows, error,
         (SELECT count(*) FROM pipeline_runs f WHERE f.job = r.job AND f.status = 'failed'
            AND f.started_at > now() - interval '24 hours')::text AS failures_24h
    FROM pipeline_runs r
   ORDER BY r.job, r.started_at DESC, r.run_id DESC`;

/**
 * Pipeline health from PostgreSQL (DATABASE_URL): a small pool of its own, one short query per
 * request (the dashboard runs beside the pipeline and must not take its connections). Moved here
 * from the dashboard so that no app holds a driver: the dashboard binds it to its health port.
 * The DLQ lives on the event bus, not in Postgres, so its count stays 'unknown' here.
 */
export class PostgresPipelineHealth {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 3_000, statement_timeout: 5_000 });
    // An idle client dropped by the server must not crash the dashboard.
    this.pool.on('error', () => undefined);
  }

  async status(): Promise<PipelineStatus> {
    try {
      const { rows } = await this.pool.query(LATEST_RUNS_SQL);
      const jobs: JobStatus[] = z
        .array(runRow)
        .parse(rows)
        .map((r) => ({
          job: r.job,
          status: r.status,
          started_at: r.started_at.toISOString(),
          finished_at: r.finished_at?.toISOString() ?? null,
          rows: r.rows === null ? null : Number(r.rows),
          error: r.error,
          failures_24h: Number(r.failures_24h),
        }));
      return { state: 'known', jobs, dlq_count: 'unknown' };
    } catch (error) {
      return { state: 'unknown', reason: `Postgres did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
