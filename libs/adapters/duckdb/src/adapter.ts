import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, type LedgerlineEnv } from '@ledgerline/config';
import type { Logger } from '@ledgerline/logging';
import type { DerivedTables, WarehouseHooks } from '@ledgerline/warehouse-sync';
import { analyticsDuckDbLocation } from './analytics/analytics-location.ts';
import { DuckDbAnalyticsStore, type DuckDbAnalyticsStoreOptions } from './analytics/duckdb-analytics-store.ts';
import { DuckDbFingerprintSource } from './analytics/duckdb-fingerprint-source.ts';
import { duckDbDerivedTables } from './analytics/serving/duckdb-derived-tables.ts';
import { DuckDbChangeLogWarehouse, type DuckDbChangeLogWarehouseOptions } from './change-log/duckdb-change-log-warehouse.ts';
import { DuckDbLandingFileInspector } from './change-log/duckdb-landing-file-inspector.ts';
import { configureDuckDbInstances, duckDbInstanceSettingsSchema, type DuckDbInstanceSettings } from './connection/instance-settings.ts';
import { DuckDbParquetWriter } from './landing/duckdb-parquet-writer.ts';
import { DuckDbMarketRawStore } from './market/duckdb-market-raw-store.ts';
import { DuckDbMarketReads, type DuckDbMarketReadsOptions } from './market/duckdb-market-reads.ts';
import { DuckDbVectorIndex } from './vector/duckdb-vector-index.ts';
import { duckDbWarehousePath } from './warehouse/warehouse-path.ts';
import { DuckDbWarehouse } from './warehouse/duckdb-warehouse.ts';

/** The environment variables the DuckDB adapter reads (names and meaning in .env.example). */
export type DuckDbEnv = Pick<LedgerlineEnv, 'DATA_DIR' | 'WAREHOUSE' | 'WAREHOUSE_DUCKDB_PATH' | 'ANALYTICS_DUCKDB_PATH' | 'DUCKDB_MEMORY_LIMIT' | 'DUCKDB_THREADS'>;

/** Options of openDuckDb; validated, because they come straight from configuration. */
export const duckDbOptionsSchema = duckDbInstanceSettingsSchema.extend({
  /** The warehouse file (RAW, the dbt marts, the serving tables, the CDC change log, market RAW). */
  warehousePath: z.string().min(1),
  /** The file analytics reads (and `analytics sync` writes): the warehouse file itself, or a copy. */
  analyticsPath: z.string().min(1),
  /** The embedded vector index's own file (the analytics file is read-only and rewritten by sync/dbt). */
  vectorsPath: z.string().min(1),
});
export type DuckDbOptions = z.input<typeof duckDbOptionsSchema>;

/**
 * The only code that reads DuckDB's environment (the file rules of docs/analytics.md, in
 * duckDbWarehousePath and analyticsDuckDbLocation): the warehouse at WAREHOUSE_DUCKDB_PATH
 * (default DATA_DIR/warehouse.duckdb); analytics reads ANALYTICS_DUCKDB_PATH, else the warehouse
 * file when WAREHOUSE=duckdb, else DATA_DIR/analytics.duckdb (the copy kept beside Snowflake);
 * vectors in DATA_DIR/vectors.duckdb; DUCKDB_MEMORY_LIMIT and DUCKDB_THREADS for every database.
 * Paths are absolute (resolved against the working directory), so every process means the same files.
 */
export function duckDbOptionsFromEnv(env: DuckDbEnv): z.output<typeof duckDbOptionsSchema> {
  const parsed = duckDbOptionsSchema.safeParse({
    warehousePath: resolve(duckDbWarehousePath(env)),
    analyticsPath: analyticsDuckDbLocation(env).path,
    vectorsPath: resolve(env.DATA_DIR, 'vectors.duckdb'),
    memoryLimit: env.DUCKDB_MEMORY_LIMIT,
    threads: env.DUCKDB_THREADS,
  });
  if (parsed.success) return parsed.data;
  throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: ENV_NAMES[String(issue.path[0])] ?? String(issue.path[0]), message: issue.message })));
}

const ENV_NAMES: Record<string, string> = { memoryLimit: 'DUCKDB_MEMORY_LIMIT', threads: 'DUCKDB_THREADS', warehousePath: 'WAREHOUSE_DUCKDB_PATH', analyticsPath: 'ANALYTICS_DUCKDB_PATH' };

/** What callers may branch on, declared once (architecture §2). */
export interface DuckDbCapabilities {
  /** No server: files in this process. */
  readonly embedded: true;
  /**
   * One process writes a file at a time (DuckDB's file lock): a writer here shuts out dbt and the
   * other apps until it closes the file, so writers open per cycle and close after.
   */
  readonly oneProcessPerFile: true;
}

/**
 * Every port the DuckDB technology implements, each on its file. Nothing opens until first use;
 * each object closes its own file. Apps build these and never see `@duckdb/node-api`.
 */
export interface DuckDbAdapter {
  readonly paths: { readonly warehouse: string; readonly analytics: string; readonly vectors: string };
  /** True when analytics reads the warehouse file itself (one copy, dbt marts beside RAW). */
  readonly analyticsIsWarehouse: boolean;
  /** The process-wide resource limits applied to every database opened. */
  readonly settings: DuckDbInstanceSettings;
  /**
   * A Warehouse on the warehouse file (a fresh one per sync cycle: the cycle closes it for dbt);
   * `file: 'analytics'` syncs the analytics copy instead (`analytics sync` beside Snowflake).
   */
  warehouse(extras?: { logger?: Logger; hooks?: WarehouseHooks; file?: 'warehouse' | 'analytics' }): DuckDbWarehouse;
  /** The serving rollups of RAW, in the warehouse file. */
  derivedTables(): DerivedTables;
  /**
   * The AnalyticsStore on the analytics file (read-only unless `access: 'shared'`); `file:
   * 'warehouse'` reads the warehouse file itself (a process that syncs it, like the pipeline).
   */
  analyticsStore(options?: Omit<DuckDbAnalyticsStoreOptions, 'path'> & { file?: 'analytics' | 'warehouse' }): DuckDbAnalyticsStore;
  /** validate's fingerprints of the analytics file. */
  fingerprintSource(): DuckDbFingerprintSource;
  /** The embedded VectorIndex of `collection`. */
  vectorIndex(collection: string): DuckDbVectorIndex;
  /** Market-data RAW tables in the warehouse file. */
  marketRawStore(): DuckDbMarketRawStore;
  /**
   * The market page's reads (bars from RAW, indicators and comparison from the marts) on the
   * analytics file; `file: 'warehouse'` for a process that syncs the warehouse file itself.
   */
  marketReads(options?: Omit<DuckDbMarketReadsOptions, 'path'> & { file?: 'analytics' | 'warehouse' }): DuckDbMarketReads;
  /** The CDC change log and its manifest in the warehouse file. */
  changeLogWarehouse(options?: Omit<DuckDbChangeLogWarehouseOptions, 'path'>): DuckDbChangeLogWarehouse;
  /** Reads landed Parquet files (in memory). */
  landingFileInspector(): DuckDbLandingFileInspector;
  /** Writes Parquet files (in memory). */
  parquetWriter(): DuckDbParquetWriter;
  readonly capabilities: DuckDbCapabilities;
  /** The adapter's own label for start-up banners, e.g. `DuckDB (/srv/data/warehouse.duckdb)`. */
  readonly description: string;
}

export function openDuckDb(options: DuckDbOptions): DuckDbAdapter {
  const parsed = duckDbOptionsSchema.parse(options);
  const settings: DuckDbInstanceSettings = {
    ...(parsed.memoryLimit ? { memoryLimit: parsed.memoryLimit } : {}),
    ...(parsed.threads ? { threads: parsed.threads } : {}),
  };
  // Process-wide (one instance per file per process): an open without limits keeps those set before.
  if (settings.memoryLimit || settings.threads) configureDuckDbInstances(settings);
  const paths = { warehouse: parsed.warehousePath, analytics: parsed.analyticsPath, vectors: parsed.vectorsPath };
  const limits = [settings.memoryLimit ? `memory ${settings.memoryLimit}` : '', settings.threads ? `${settings.threads} threads` : ''].filter(Boolean).join(', ');
  return {
    paths,
    analyticsIsWarehouse: paths.analytics === paths.warehouse,
    settings,
    warehouse: ({ file = 'warehouse', ...extras } = {}) => new DuckDbWarehouse({ ...extras, path: paths[file] }),
    derivedTables: () => duckDbDerivedTables(paths.warehouse),
    analyticsStore: ({ file = 'analytics', ...options } = {}) => new DuckDbAnalyticsStore({ ...options, path: paths[file] }),
    fingerprintSource: () => new DuckDbFingerprintSource({ path: paths.analytics }),
    vectorIndex: (collection) => new DuckDbVectorIndex({ path: paths.vectors, collection }),
    marketRawStore: () => new DuckDbMarketRawStore({ path: paths.warehouse }),
    marketReads: ({ file = 'analytics', ...options } = {}) => new DuckDbMarketReads({ ...options, path: paths[file] }),
    changeLogWarehouse: (options = {}) => new DuckDbChangeLogWarehouse({ ...options, path: paths.warehouse }),
    landingFileInspector: () => new DuckDbLandingFileInspector(),
    parquetWriter: () => new DuckDbParquetWriter(),
    capabilities: { embedded: true, oneProcessPerFile: true },
    description: `DuckDB (${paths.warehouse}${limits ? `; ${limits}` : ''})`,
  };
}

/** `openDuckDb` with the files and limits of this environment (duckDbOptionsFromEnv). */
export function duckDbFromEnv(env: DuckDbEnv): DuckDbAdapter {
  return openDuckDb(duckDbOptionsFromEnv(env));
}
