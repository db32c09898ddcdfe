import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of the all-in-one pipeline. Names follow Prometheus conventions (base units,
 * `_total` counters, bounded label values); docs/observability.md lists each with its alert and
 * Grafana panel. Every labelled counter starts at 0 for each of its known label values, so a rate or
 * an alert sees a series from the first scrape rather than "no data" until the first event.
 */
export function createPipelineMetrics(options: { syncIntervalSeconds?: number } = {}) {
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
    syncLastSuccess: new Gauge({
      name: 'ledgerline_sync_last_success_timestamp_seconds',
      help: 'Unix time of the last warehouse sync that finished without error (0 = none yet)',
      registers: [registry],
    }),
    syncInterval: new Gauge({
      name: 'ledgerline_sync_interval_seconds',
      help: 'Configured seconds between scheduled warehouse syncs (the staleness alert counts in these)',
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
      // `job_name`, not `job`: Prometheus owns the `job` label (the scrape job) and would rename ours.
      help: 'Scheduled job runs, by job name and status',
      labelNames: ['job_name', 'status'] as const,
      registers: [registry],
    }),
  };
  for (const outcome of ['ingested', 'duplicate', 'quarantined', 'failed']) metrics.batchFiles.inc({ outcome }, 0);
  for (const outcome of ['ok', 'failed']) metrics.dbtRuns.inc({ outcome }, 0);
  metrics.syncLastSuccess.set(0);
  if (options.syncIntervalSeconds) metrics.syncInterval.set(options.syncIntervalSeconds);
  return metrics;
}

export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;

/** What the sink has done so far, as cumulative counts. */
export interface SinkTotals {
  stored: number;
  deadLettered: number;
}

/**
 * Moves the sink's cumulative counts into the landed/DLQ counters as they grow (each tick adds the
 * difference), so `rate(ledgerline_events_landed_total[1m])` follows the stream while it runs
 * instead of jumping once at shutdown. Call the returned `flush` once more after the sink stopped.
 */
export function trackSinkTotals(metrics: PipelineMetrics, totals: () => SinkTotals, everyMs = 1000): { flush(): void; stop(): void } {
  let seen: SinkTotals = { stored: 0, deadLettered: 0 };
  const flush = () => {
    const now = totals();
    if (now.stored > seen.stored) metrics.eventsLanded.inc(now.stored - seen.stored);
    if (now.deadLettered > seen.deadLettered) metrics.eventsDeadLettered.inc(now.deadLettered - seen.deadLettered);
    seen = { stored: Math.max(seen.stored, now.stored), deadLettered: Math.max(seen.deadLettered, now.deadLettered) };
  };
  const timer = setInterval(flush, everyMs);
  timer.unref();
  return { flush, stop: () => clearInterval(timer) };
}
