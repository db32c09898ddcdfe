import type { LedgerlineEnv } from '@ledgerline/config';
import { runLandingLoader, type LandingLoader } from '@ledgerline/cdc';
import { openLandingZoneFromEnv } from '@ledgerline/composition';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import { chooseChangeLogWarehouse } from './choose-change-log-warehouse.ts';
import { startLoadReceiver, type LoadReceiver } from './load-receiver.ts';
import type { LoadMetrics } from './load-metrics.ts';

export interface LoadService {
  loader: LandingLoader;
  receiver: LoadReceiver;
  /** The adapters in use, for the start-up banner. */
  bindings: Array<{ port: string; adapter: string }>;
  close(): Promise<void>;
}

export interface LoadServiceHooks {
  /** Fault tests: runs inside each load transaction just before COMMIT. */
  beforeCommit?: (key: string) => Promise<void>;
  /** Counts every object's outcome (the /metrics endpoint). */
  metrics?: LoadMetrics;
}

/**
 * Wires the loader: the object store (S3 when S3_ENDPOINT, else DATA_DIR/landing), the
 * warehouse's change log (WAREHOUSE: DuckDB or Snowflake) and the Parquet inspector, the loader (reconcile on start and every
 * CDC_LOAD_RECONCILE_SECONDS) and the notification receiver. Closes what it opened on failure.
 */
export async function startLoadService(env: LedgerlineEnv & { CDC_LOAD_SECRET: string }, logger: Logger, hooks: LoadServiceHooks = {}): Promise<LoadService> {
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch((error: unknown) => logger.error('close failed', { error: String(error) }));
  };
  try {
    const zone = await openLandingZoneFromEnv(env);
    closers.push(() => zone.close());
    const { store } = zone;
    const { warehouse, description: warehouseLabel } = chooseChangeLogWarehouse(env, { beforeCommit: hooks.beforeCommit });
    closers.push(() => warehouse.close());
    // The Parquet check runs locally before any upload, whichever warehouse loads the file.
    const inspector = duckDbFromEnv(env).landingFileInspector();
    closers.push(() => inspector.close());
    const loader = runLandingLoader(
      { store, warehouse, inspector, logger },
      {
        prefix: env.CDC_LANDING_PREFIX,
        quarantinePrefix: env.CDC_QUARANTINE_PREFIX,
        reconcileIntervalMs: env.CDC_LOAD_RECONCILE_SECONDS * 1000,
        ...(hooks.metrics ? { onOutcome: hooks.metrics.record } : {}),
      },
    );
    closers.push(() => loader.stop());
    const receiver = await startLoadReceiver({ loader, secret: env.CDC_LOAD_SECRET, host: env.CDC_LOAD_HOST, port: env.CDC_LOAD_PORT, bucket: zone.bucket, logger });
    closers.push(() => receiver.close());
    return {
      loader,
      receiver,
      bindings: [
        { port: 'ObjectStore', adapter: zone.description },
        { port: 'ChangeLogWarehouse', adapter: warehouseLabel },
        { port: 'LandingFileInspector', adapter: 'DuckDB in memory (read_parquet)' },
      ],
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
