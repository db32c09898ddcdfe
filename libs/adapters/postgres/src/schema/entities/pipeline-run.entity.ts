import { EntitySchema } from 'typeorm';

/** One run of a scheduled job (sync, dbt, batch ingest), for the scheduler and the dashboard. */
export interface PipelineRunRow {
  run_id: string;
  job: string;
  started_at: Date;
  finished_at: Date | null;
  rows: string | null;
  status: 'running' | 'succeeded' | 'failed';
  error: string | null;
}

export const PipelineRunEntity = new EntitySchema<PipelineRunRow>({
  name: 'PipelineRun',
  tableName: 'pipeline_runs',
  columns: {
    // An identity column in the migration; 'increment' just tells TypeORM the database assigns it.
    run_id: { type: 'bigint', primary: true, generated: 'increment' },
    job: { type: 'varchar', length: 100 },
    started_at: { type: 'timestamptz' },
    finished_at: { type: 'timestamptz', nullable: true },
    rows: { type: 'bigint', nullable: true },
    status: { type: 'varchar', length: 10 },
    error: { type: 'text', nullable: true },
  },
});
