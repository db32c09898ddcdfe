import { Counter } from 'prom-client';
import { createFlowMetrics, createMetricsRegistry, createProducerMetrics, createSinkMetrics, createSyncMetrics } from '@ledgerline/metrics';

export { trackSinkTotals, type SinkTotals } from '@ledgerline/metrics';

/**
 * Prometheus metrics of the all-in-one pipeline: the same families (names, labels) as the
 * processes that run on their own (producer, stream-sink, warehouse-sync; @ledgerline/metrics),
 * plus the batch stage's. docs/observability.md lists each with its alert and Grafana panel. Every
 * labelled counter starts at 0 for each of its known label values, so a rate or an alert sees a
 * series from the first scrape rather than "no data" until the first event.
 */
export function createPipelineMetrics(options: { syncIntervalSeconds?: number } = {}) {
  const registry = createMetricsRegistry();
  const metrics = {
    registry,
    ...createProducerMetrics(registry),
    ...createSinkMetrics(registry),
    ...createSyncMetrics(registry, { intervalSeconds: options.syncIntervalSeconds }),
    ...createFlowMetrics(registry),
    batchFiles: new Counter({
      name: 'ledgerline_batch_files_total',
      help: 'Statement files processed, by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
  for (const outcome of ['ingested', 'duplicate', 'quarantined', 'failed']) metrics.batchFiles.inc({ outcome }, 0);
  return metrics;
}

export type PipelineMetrics = ReturnType<typeof createPipelineMetrics>;
