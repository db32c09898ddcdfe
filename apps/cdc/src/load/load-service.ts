import { join } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import { runLandingLoader, type LandingLoader, type ObjectStore } from '@ledgerline/cdc';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { LocalObjectStore } from '@ledgerline/files';
import type { Logger } from '@ledgerline/logging';
import { openS3ObjectStore, s3OptionsFromEnv } from '@ledgerline/s3';
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
    const s3 = s3OptionsFromEnv(env);
    let store: ObjectStore;
    let storeLabel: string;
    if (s3) {
      const opened = await openS3ObjectStore(s3);
      closers.push(() => opened.close());
      store = opened.store;
      storeLabel = opened.description;
    } else {
      const root = join(env.DATA_DIR, 'landing');
      store = new LocalObjectStore(root);
      storeLabel = `local directory ${root}`;
    }
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
    const receiver = await startLoadReceiver({ loader, secret: env.CDC_LOAD_SECRET, host: env.CDC_LOAD_HOST, port: env.CDC_LOAD_PORT, bucket: s3?.bucket, logger });
    closers.push(() => receiver.close());
    return {
      loader,
      receiver,
      bindings: [
        { port: 'ObjectStore', adapter: storeLabel },
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
