import { describe, expect, it } from 'vitest';
import { createPipelineMetrics, trackSinkTotals } from './pipeline-metrics.ts';
import { startMetricsServer } from './metrics-server.ts';

describe('metrics endpoint', () => {
  it('exposes pipeline counters in Prometheus text format', async () => {
    const metrics = createPipelineMetrics();
    metrics.eventsLanded.inc(42);
    metrics.batchFiles.inc({ outcome: 'quarantined' });
    metrics.syncRows.inc({ table: 'transactions' }, 1000);
    const server = await startMetricsServer(metrics.registry, 0);
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain('ledgerline_events_landed_total 42');
      expect(body).toContain('ledgerline_batch_files_total{outcome="quarantined"} 1');
      expect(body).toContain('ledgerline_sync_rows_total{table="transactions"} 1000');
      expect((await fetch(server.url.replace('/metrics', '/nope'))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('pipeline metrics', () => {
  it('show every labelled counter and the sync gauges from the first scrape', async () => {
    const metrics = createPipelineMetrics({ syncIntervalSeconds: 30 });
    const body = await metrics.registry.metrics();
    expect(body).toContain('ledgerline_dbt_runs_total{outcome="failed"} 0');
    expect(body).toContain('ledgerline_batch_files_total{outcome="quarantined"} 0');
    expect(body).toContain('ledgerline_sync_interval_seconds 30');
    expect(body).toContain('ledgerline_sync_last_success_timestamp_seconds 0');
  });

  it('move landed and dead-lettered counts while the sink runs, not only at shutdown', async () => {
    const metrics = createPipelineMetrics();
    const totals = { stored: 0, deadLettered: 0 };
    const tracker = trackSinkTotals(metrics, () => totals, 10);
    try {
      totals.stored = 120;
      totals.deadLettered = 3;
      await new Promise((resolve) => setTimeout(resolve, 40));
      const body = await metrics.registry.metrics();
      expect(body).toContain('ledgerline_events_landed_total 120');
      expect(body).toContain('ledgerline_events_dlq_total 3');
      totals.stored = 150;
      tracker.flush();
      tracker.flush();
      expect(await metrics.registry.metrics()).toContain('ledgerline_events_landed_total 150');
    } finally {
      tracker.stop();
    }
  });
});
