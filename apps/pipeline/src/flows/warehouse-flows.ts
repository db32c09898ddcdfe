import type { FlowDefinition } from '@ledgerline/flows';
import type { DbtRunner } from '@ledgerline/warehouse-sync';
import type { QuiesceGate } from '../stages/quiesce-gate.ts';

export interface WarehouseFlowsDeps {
  /** One cycle: sync -> derived tables -> dbt build (when rows changed) -> vector index; returns rows moved. */
  runSync: () => Promise<number>;
  everySeconds: number;
  /** Absent when dbt is off (no virtualenv, DBT_ENABLED=false): no `dbt-incremental` flow then. */
  dbt?: DbtRunner;
  /** Held by every warehouse writer: dbt is another process and needs the DuckDB file to itself. */
  warehouseLock: QuiesceGate;
  /** When the last dbt build (the sync's or this flow's) finished. */
  lastDbtAt?: () => Date | undefined;
  now?: () => Date;
}

const INCREMENTAL_SECONDS = 300;

/**
 * `warehouse-sync` (every SYNC_INTERVAL_SECONDS) and `dbt-incremental` (every 5 minutes: the
 * seeds' incremental dbt schedule, so the models are never more than 5 minutes behind RAW — also
 * RAW written by the market and CDC loads, which no sync follows). A build that finished within
 * the interval (the sync's, after rows changed) makes the run a no-op instead of a second build.
 */
export function warehouseFlows(deps: WarehouseFlowsDeps): FlowDefinition[] {
  const sync: FlowDefinition = {
    name: 'warehouse-sync',
    description: `every ${deps.everySeconds} s: Postgres -> warehouse (watermark sync), derived tables, dbt build when rows changed, vector index`,
    everySeconds: deps.everySeconds,
    missed: 'skip',
    retry: { limit: 2, delaySeconds: 5, backoff: true },
    timeoutSeconds: 3600,
    run: async () => ({ rows: await deps.runSync() }),
  };
  const dbt = deps.dbt;
  if (!dbt) return [sync];
  const incremental: FlowDefinition = {
    name: 'dbt-incremental',
    description: 'every 5 minutes: dbt build over the warehouse (staging, marts, snapshots, tests)',
    schedule: '*/5 * * * *',
    missed: 'skip',
    retry: { limit: 1, delaySeconds: 30, backoff: false },
    timeoutSeconds: 1800,
    run: async () => {
      const now = deps.now ?? (() => new Date());
      const last = deps.lastDbtAt?.();
      if (last && now().getTime() - last.getTime() < INCREMENTAL_SECONDS * 1000) return { rows: 0 };
      const summary = await deps.warehouseLock.run(() => dbt.build());
      if (summary.testsFailed > 0) {
        throw new Error(`dbt build: ${summary.testsFailed} test(s) failed: ${summary.failures.map((f) => f.uniqueId).slice(0, 5).join(', ')}`);
      }
      return { rows: 0 };
    },
  };
  return [sync, incremental];
}
