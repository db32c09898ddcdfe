// The factory every app builds DuckDB through (architecture §2), and the configuration it owns.
export { duckDbFromEnv, duckDbOptionsFromEnv, duckDbOptionsSchema, openDuckDb, type DuckDbAdapter, type DuckDbCapabilities, type DuckDbEnv, type DuckDbOptions } from './adapter.ts';
export { configureDuckDbInstances, type DuckDbInstanceSettings } from './connection/instance-settings.ts';
// Shared DuckDB connection helpers (one instance per file per process).
export { leaseDuckDb, withDuckDb, openDuckDbFiles, type DuckDbLease } from './connection/shared-instances.ts';
export { quoteIdentifier, quoteLiteral, microsToIso } from './connection/sql-text.ts';
// Warehouse (RAW contract) for the warehouse sync.
export { DuckDbWarehouse, type DuckDbWarehouseOptions } from './warehouse/duckdb-warehouse.ts';
export { readRawRows, type RawTableRow } from './warehouse/read-raw-rows.ts';
export { DUCKDB_TYPES } from './warehouse/raw-table-ddl.ts';
// Analytics (AnalyticsStore on a DuckDB file, validate's fingerprints, RAW loader for tests/bench).
export { DuckDbAnalyticsStore, type DuckDbAnalyticsStoreOptions } from './analytics/duckdb-analytics-store.ts';
export { AnalyticsDatabase, type AnalyticsDatabaseOptions } from './analytics/analytics-database.ts';
export { DuckDbFingerprintSource } from './analytics/duckdb-fingerprint-source.ts';
export { DUCKDB_DIALECT } from './analytics/duckdb-dialect.ts';
export { DEFAULT_ANALYTICS_SCHEMAS, type AnalyticsSchemas } from './analytics/analytics-relations.ts';
export {
  refreshServingTables,
  refreshServingFile,
  type RefreshServingOptions,
  type RefreshServingReport,
} from './analytics/serving/refresh-serving-tables.ts';
export { DEFAULT_SERVING_SCHEMA } from './analytics/serving/serving-schema.ts';
export { duckDbDerivedTables } from './analytics/serving/duckdb-derived-tables.ts';
export { simulateRawChanges, type SimulateRawChangesOptions, type SimulatedRawChanges } from './analytics/serving/simulate-raw-changes.ts';
export { loadRawDataset, type RawDatasetRows, type LoadRawOptions } from './analytics/load-raw-dataset.ts';
// Vector index (the agent's embedded VectorIndex, in its own file data/vectors.duckdb).
export { DuckDbVectorIndex, type DuckDbVectorIndexOptions } from './vector/duckdb-vector-index.ts';
export type { AnalyticsLocation } from './analytics/analytics-location.ts';
// Market data RAW tables (per source), written by the market app.
export { DuckDbMarketRawStore, type DuckDbMarketRawStoreOptions } from './market/duckdb-market-raw-store.ts';
export { DuckDbMarketReads, trimDecimal, type DuckDbMarketReadsOptions } from './market/duckdb-market-reads.ts';
export { priceTableName, NEWS_TABLE, NEWS_MENTIONS_TABLE, QUARANTINE_TABLE, SOURCE_RUNS_TABLE } from './market/market-raw-ddl.ts';
// CDC landing loader: RAW change-log tables + manifest, and the Parquet inspector.
export { DuckDbChangeLogWarehouse, type DuckDbChangeLogWarehouseOptions } from './change-log/duckdb-change-log-warehouse.ts';
export { DuckDbLandingFileInspector } from './change-log/duckdb-landing-file-inspector.ts';
export { DuckDbParquetWriter } from './landing/duckdb-parquet-writer.ts';
// The analytics file's own state (sync --full moves a corrupt file aside; stats reports its size).
export { inspectDuckDbFile, moveAside, duckDbFileBytes, type DuckDbFileState } from './analytics/duckdb-file-state.ts';
