import type { LandingLoadOutcome } from '@ledgerline/cdc';
import { createMetricsRegistry } from '@ledgerline/metrics';
import { Counter, type Registry } from 'prom-client';

/** `outcome` label values: the loader's outcomes with `_` for `-` (bounded: one per kind of outcome). */
const OUTCOMES = ['loaded', 'already_loaded', 'quarantined', 'ignored', 'missing', 'failed'] as const;

export interface LoadMetrics {
  registry: Registry;
  /** Pass as the loader's onOutcome. */
  record(outcome: LandingLoadOutcome): void;
}

/** The loader's metrics (`cdc:serve -- load`): every object it looked at, by outcome, and the rows it loaded. */
export function createLoadMetrics(): LoadMetrics {
  const registry = createMetricsRegistry();
  const objects = new Counter({
    name: 'ledgerline_cdc_loaded_objects_total',
    help: 'Landed objects the loader handled (notifications and reconcile passes), by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const rows = new Counter({ name: 'ledgerline_cdc_loaded_rows_total', help: 'Change rows loaded into the warehouse change log', registers: [registry] });
  for (const outcome of OUTCOMES) objects.inc({ outcome }, 0);
  return {
    registry,
    record(outcome) {
      objects.inc({ outcome: outcome.outcome.replace('-', '_') });
      if (outcome.outcome === 'loaded') rows.inc(outcome.rows);
    },
  };
}
