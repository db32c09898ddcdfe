import { describe, expect, it } from 'vitest';
import { startMetricsServer } from '@ledgerline/metrics';
import { createPipelineMetrics } from './pipeline-metrics.ts';

describe('pipeline metrics', () => {
  it('exposes the pipeline counters in Prometheus text format', async () => {
    const metrics = createPipelineMetrics();
    metrics.eventsLanded.inc(42);
    metrics.batchFiles.inc({ outcome: 'quarantined' });
    metrics.syncRows.inc({ table: 'transactions' }, 1000);
    const server = await startMetricsServer(metrics.registry, 0);
    try {
      const body = await (await fetch(server.url)).text();
      expect(body).toContain('ledgerline_events_landed_total 42');
      expect(body).toContain('ledgerline_batch_files_total{outcome="quarantined"} 1');
      expect(body).toContain('ledgerline_sync_rows_total{table="transactions"} 1000');
      expect(body).toMatch(/^ledgerline_process_process_resident_memory_bytes \d+/m);
    } finally {
      await server.close();
    }
  });

  it('show every labelled counter and the sync gauges from the first scrape', async () => {
    const metrics = createPipelineMetrics({ syncIntervalSeconds: 30 });
    const body = await metrics.registry.metrics();
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 0');
    expect(body).toContain('ledgerline_batch_files_total{outcome="quarantined"} 0');
    expect(body).toContain('ledgerline_sync_interval_seconds 30');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 0');
    for (const name of ['ledgerline_events_produced_total', 'ledgerline_events_dlq_total', 'ledgerline_consumer_lag', 'ledgerline_job_runs_total']) {
      expect(body).toContain(`# TYPE ${name.replace(/_total$/, '')}`);
    }
  });
});
