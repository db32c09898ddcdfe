import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of the all-in-one pipeline (names follow Prometheus conventions). */
export function createPipelineMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ledgerline_process_' });
  const metrics = {
    registry,
    eventsProduced: new Counter({ name: 'ledgerline_events_produced_total', help: 'Events published to the bus', registers: [registry] }),
    eventsLanded: new Counter({ name: 'ledgerline_events_landed_total', help: 'Events upserted into the store', registers: [registry] }),
    eventsDeadLettered: new Counter({ name: 'ledgerline_events_dlq_total', help: 'Invalid events sent to the DLQ', registers: [registry] }),
    consumerLag: new Gauge({ name: 'ledgerline_consumer_lag', help: 'Messages produced but not yet landed', registers: [registry] }),
    batchFiles: new Counter({
      name: 'ledgerline_batch_files_total',
      help: 'Statement files processed, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    syncRows: new Counter({
      name: 'ledgerline_sync_rows_total',
      help: 'Rows moved to the warehouse, by table',
      labelNames: ['table'] as const,
      registers: [registry],
    }),
    syncDuration: new Histogram({
      name: 'ledgerline_sync_duration_seconds',
      help: 'Warehouse sync duration',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    dbtRuns: new Counter({
      name: 'ledgerline_dbt_runs_total',
      help: 'dbt builds, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'ledgerline_job_runs_total',
      help: 'Scheduled job runs, by job and status',
      labelNames: ['job', 'status'] as const,
      registers: [registry],
    }),
  };
  return metrics;
}

export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;
