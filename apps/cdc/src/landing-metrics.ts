import type { LandingStats, LandingWriter } from '@ledgerline/cdc';
import { createMetricsRegistry, cumulativeCounter, cumulativeLabelledCounter } from '@ledgerline/metrics';
import type { Registry } from 'prom-client';

const ROLL_REASONS = ['size', 'time', 'recovery', 'stop'] as const satisfies ReadonlyArray<keyof LandingStats['rolledBy']>;

/** The landing writer's metrics (`cdc:serve -- land`), read from its stats() at each scrape. */
export function createLandingMetrics(writer: () => LandingWriter | undefined): Registry {
  const registry = createMetricsRegistry();
  cumulativeLabelledCounter({
    registry,
    name: 'ledgerline_cdc_landed_files_total',
    help: 'Parquet files uploaded to the landing zone (offsets committed after), by what closed them',
    label: 'reason',
    values: ROLL_REASONS,
    read: () => writer()?.stats().rolledBy ?? {},
  });
  cumulativeCounter({
    registry,
    name: 'ledgerline_cdc_landed_rows_total',
    help: 'Change events written to landed Parquet files',
    read: () => writer()?.stats().rows ?? 0,
  });
  return registry;
}
