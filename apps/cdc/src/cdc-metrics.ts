import type { ChangeCapture, ChangeSource } from '@ledgerline/cdc';
import { createMetricsRegistry, cumulativeCounter } from '@ledgerline/metrics';
import { Gauge, type Registry } from 'prom-client';

/**
 * The capture's metrics (`cdc:serve`). The slot gauges are read from PostgreSQL on each scrape
 * (pg_replication_slots), so they are true even while the capture is stuck on Kafka.
 */
export function createCaptureMetrics(source: ChangeSource, capture: () => ChangeCapture | undefined, slot: string): Registry {
  const registry = createMetricsRegistry();
  new Gauge({
    name: 'ledgerline_cdc_slot_lag_bytes',
    help: 'Current WAL position minus the slot confirmed_flush_lsn: changes not yet acknowledged after Kafka',
    labelNames: ['slot'],
    registers: [registry],
    async collect() {
      const status = await source.status();
      this.set({ slot }, Number(status.lagBytes));
    },
  });
  new Gauge({
    name: 'ledgerline_cdc_slot_retained_bytes',
    help: 'Current WAL position minus the slot restart_lsn: WAL the server keeps for this slot',
    labelNames: ['slot'],
    registers: [registry],
    async collect() {
      const status = await source.status();
      this.set({ slot }, Number(status.retainedBytes));
    },
  });
  cumulativeCounter({
    registry,
    name: 'ledgerline_cdc_events_published_total',
    help: 'Change events Kafka acknowledged (snapshot reads included)',
    read: () => capture()?.stats().published ?? 0,
  });
  cumulativeCounter({
    registry,
    name: 'ledgerline_cdc_snapshot_rows_total',
    help: 'Rows read by the initial snapshot (op "r" events)',
    read: () => capture()?.stats().snapshotRows ?? 0,
  });
  return registry;
}
