import { reconcileLanding, type ReconcileReport } from '@ledgerline/cdc';
import { openLandingZoneFromEnv } from '@ledgerline/composition';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { FlowDefinition } from '@ledgerline/flows';
import type { Logger } from '@ledgerline/logging';
import type { QuiesceGate } from '../stages/quiesce-gate.ts';

export interface LandingFlowsDeps {
  env: LedgerlineEnv;
  logger: Logger;
  /** Held by every warehouse writer (the sync, dbt, market writes): the loader writes the same DuckDB file. */
  warehouseLock: QuiesceGate;
}

const rowsLoaded = (report: ReconcileReport) => report.loads.reduce((sum, l) => sum + (l.outcome === 'loaded' ? l.rows : 0), 0);

/**
 * The CDC landing zone's loader as two flows, on the use case `cdc:serve -- load` runs
 * (`reconcileLanding`: list the zone, load each object the warehouse manifest lacks at its etag,
 * quarantine a bad one with its report; each object once, manifest in the same transaction):
 * - `landing-load` (every CDC_LOAD_RECONCILE_SECONDS): loads what landed since the last pass; an
 *   object that cannot be loaded now (store or warehouse trouble) waits for the next pass;
 * - `landing-reconcile` (hourly): the same pass as an audit that fails — with the keys and errors,
 *   so the flow-failed alert fires — when anything in the zone could not be loaded.
 * The object store is the landing zone (openLandingZoneFromEnv: S3 at S3_ENDPOINT, else DATA_DIR/landing); the warehouse is the DuckDB file,
 * opened per run under the warehouse lock and closed after (dbt needs it to itself).
 */
export function landingFlows(deps: LandingFlowsDeps): FlowDefinition[] {
  const { env, logger } = deps;
  const pass = (): Promise<ReconcileReport> =>
    deps.warehouseLock.run(async () => {
      const zone = await openLandingZoneFromEnv(env);
      const duckdb = duckDbFromEnv(env);
      const warehouse = duckdb.changeLogWarehouse();
      const inspector = duckdb.landingFileInspector();
      try {
        return await reconcileLanding({ store: zone.store, warehouse, inspector, logger }, { prefix: env.CDC_LANDING_PREFIX, quarantinePrefix: env.CDC_QUARANTINE_PREFIX });
      } finally {
        await warehouse.close();
        await inspector.close();
        await zone.close();
      }
    });
  const base = { missed: 'skip' as const, timeoutSeconds: 3600 };
  return [
    {
      ...base,
      name: 'landing-load',
      description: `${env.CDC_LOAD_RECONCILE_SECONDS > 0 ? `every ${env.CDC_LOAD_RECONCILE_SECONDS} s` : 'on demand (CDC_LOAD_RECONCILE_SECONDS=0)'}: load the CDC change files that landed (${env.CDC_LANDING_PREFIX}/) into RAW, each once`,
      ...(env.CDC_LOAD_RECONCILE_SECONDS > 0 ? { everySeconds: env.CDC_LOAD_RECONCILE_SECONDS } : {}),
      retry: { limit: 1, delaySeconds: 10, backoff: false },
      run: async () => ({ rows: rowsLoaded(await pass()) }),
    },
    {
      ...base,
      name: 'landing-reconcile',
      description: 'hourly: the landing zone against the warehouse manifest; fails naming every object that could not be loaded',
      schedule: '7 * * * *',
      retry: { limit: 2, delaySeconds: 60, backoff: true },
      run: async () => {
        const report = await pass();
        if (report.failed.length > 0) {
          throw new Error(`${report.failed.length} of ${report.listed} landed objects could not be loaded: ${report.failed.map((f) => `${f.key} (${f.error})`).slice(0, 5).join('; ')}`);
        }
        return { rows: rowsLoaded(report) };
      },
    },
  ];
}
