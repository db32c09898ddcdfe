// Trino adapter (architecture §2, "AnalyticsStore (scale)"): the AnalyticsStore over a Trino
// catalog, its HTTP client, and the catalog helpers tests, benchmarks and docs/trino.md use.
export { openTrino, trinoFromEnv, type OpenedTrino } from './adapter.ts';
export { trinoOptionsFromEnv, trinoOptionsSchema, type TrinoEnv, type TrinoOptions } from './configuration.ts';
export { TrinoAnalyticsStore, type TrinoAnalyticsStoreOptions } from './analytics/trino-analytics-store.ts';
export { TRINO_DIALECT } from './analytics/trino-dialect.ts';
export { TrinoClient, TrinoTimeoutError, type TrinoClientOptions, type TrinoResult, type StatementOptions } from './client/trino-client.ts';
export { classifyTrinoError, TrinoHttpError, TrinoQueryError } from './client/trino-failures.ts';
export { bindPositional, trinoIdentifier, trinoLiteral } from './client/trino-literals.ts';
export { rowObjects } from './client/trino-values.ts';
export { createDuckDbCatalog, createIcebergCatalog, createPostgresCatalog, dropCatalog, jdbcOf, storageProperties, type IcebergCatalogOptions, type IcebergStorage } from './catalog/catalogs.ts';
export { TrinoLandingTables, type RegisterLandedResult, type TrinoLandingTablesOptions } from './landing/trino-landing-tables.ts';
export { createTrinoRawTableSql, loadRawDatasetIntoTrino, TRINO_TYPES, type TrinoRawDataset, type TrinoRawLoadOptions } from './catalog/load-raw-dataset.ts';
