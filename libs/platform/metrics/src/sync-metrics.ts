import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The warehouse sync's metrics: the main job's sync stage and the warehouse-sync app. The sync
 * staleness alert reads `ledgerline_sync_last_success_timestamp_seconds` against three times
 * `ledgerline_sync_interval_seconds`, so both are set from the start (0 = no sync yet).
 */
export function createSyncMetrics(registry: Registry, options: { intervalSeconds?: number; tables?: readonly string[] } = {}) {
  const metrics = {
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
    dbtDuration: new Histogram({
      name: 'ledgerline_dbt_duration_seconds',
      help: "dbt build duration (dbt's own elapsed time from run_results.json), builds with failed tests included",
      buckets: [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    dbtRuns: new Counter({
      name: 'ledgerline_dbt_runs_total',
      help: 'dbt builds, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
  for (const outcome of ['ok', 'failed']) metrics.dbtRuns.inc({ outcome }, 0);
  for (const table of options.tables ?? []) metrics.syncRows.inc({ table }, 0);
  metrics.syncLastSuccess.set(0);
  if (options.intervalSeconds) metrics.syncInterval.set(options.intervalSeconds);
  return metrics;
}

export type SyncMetrics = ReturnType<typeof createSyncMetrics>;
