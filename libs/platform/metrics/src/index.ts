export { createMetricsRegistry, PROCESS_METRICS_PREFIX } from './metrics-registry.ts';
export { startMetricsServer, type MetricsEndpoint } from './metrics-server.ts';
export { serveMetrics } from './serve-metrics.ts';
export { metricsPort, metricsPortOption } from './metrics-port.ts';
export { createProducerMetrics, createSinkMetrics, trackSinkTotals, type SinkMetrics, type SinkTotals } from './stream-metrics.ts';
export { createSyncMetrics, type SyncMetrics } from './sync-metrics.ts';
export { createFlowMetrics, JOB_RUN_STATUSES, type FlowMetrics } from './flow-metrics.ts';
export { cumulativeCounter, cumulativeLabelledCounter } from './cumulative-counter.ts';
