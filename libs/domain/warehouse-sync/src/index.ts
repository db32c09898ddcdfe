export {
  SYNC_COLUMN_TYPES,
  SYSTEM_COLUMNS,
  syncColumnSchema,
  syncTableSpecSchema,
  parseSyncTableSpecs,
  type SyncColumn,
  type SyncColumnType,
  type SyncTableSpec,
} from './tables/sync-table-spec.ts';
export {
  CUSTOMERS_SYNC_TABLE,
  COMPANIES_SYNC_TABLE,
  CUSTOMER_COMPANIES_SYNC_TABLE,
  ACCOUNTS_SYNC_TABLE,
  TRANSACTIONS_SYNC_TABLE,
  DEFAULT_SYNC_TABLES,
  selectSyncTables,
} from './tables/default-sync-tables.ts';
export {
  rawRowSchema,
  compileRawRowValidator,
  RawRowError,
  deletedKeySchema,
  type RawRow,
  type DeletedKey,
  type SyncValue,
} from './tables/raw-row.ts';
export { CHANGE_FEED, type ChangeFeed, type ChangeSnapshot, type ChangeCursor, type ChangePage, type ReadChangesRequest } from './sync-once/change-feed.port.ts';
export {
  WAREHOUSE,
  type Warehouse,
  type WarehouseBatch,
  type WarehouseHooks,
  type WatermarkAdvance,
  type SyncWatermark,
} from './sync-once/warehouse.port.ts';
export type { WindowExport, WindowExporter, WindowLoader, WindowLoadResult, ExportWindowRequest } from './sync-once/window-export.port.ts';
export {
  WarehouseUnavailableError,
  WarehouseLockedError,
  WatermarkConflictError,
  SyncFailedError,
  describeError,
  type TableFailure,
} from './sync-once/sync-errors.ts';
export { collapseChanges, type CollapsedChanges } from './sync-once/collapse-changes.ts';
export { syncOnce, SYNC_LOCK_NAME, type SyncOnceDeps, type SyncOnceOptions } from './sync-once/sync-once.ts';
export { changedRows, type TableSyncReport } from './sync-once/sync-report.ts';
export { DBT_RUNNER, type DbtRunner, type DbtBuildSummary, type DbtNodeFailure } from './dbt/dbt-runner.port.ts';
export { parseDbtRunResults, DbtBuildFailedError } from './dbt/dbt-run-results.ts';
export { runSyncCycle, type SyncCycleDeps, type SyncCycleResult } from './sync-cycle/sync-cycle.ts';
export { DERIVED_TABLES, type DerivedTables } from './derived-tables/derived-tables.port.ts';
