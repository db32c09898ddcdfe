import { Registry, collectDefaultMetrics } from 'prom-client';

/** prom-client's process and Node.js metrics get this prefix: `ledgerline_process_process_resident_memory_bytes`, ... */
export const PROCESS_METRICS_PREFIX = 'ledgerline_process_';

/**
 * A registry for one process's metrics, with prom-client's process and Node.js metrics (memory,
 * CPU, event-loop lag, GC) under PROCESS_METRICS_PREFIX, so every Ledgerline process feeds the
 * same memory and event-loop panels.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PROCESS_METRICS_PREFIX });
  return registry;
}
