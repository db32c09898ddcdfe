import { describe, expect, it } from 'vitest';
import { createPipelineMetrics } from './pipeline-metrics.ts';
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
