// Analytics domain (architecture §2, issue #8): the AnalyticsStore port and its metric
// definitions, metric SQL written once for DuckDB and Postgres, reconciliation (`validate`),
// the read-only SQL guard and schema-drift planning for the analytics sync.

// Port, params and rows
export { ANALYTICS_STORE, AnalyticsUnavailableError, type AnalyticsStore, type AnalyticsMetrics, type ReadOnlySqlOptions } from './metrics/analytics-store.port.ts';
export {
  metricFiltersSchema,
  isoDaySchema,
  isoMonthSchema,
  monthBounds,
  type MetricFilters,
} from './metrics/metric-filters.ts';
export * from './metrics/metric-params.ts';
export type * from './metrics/metric-rows.ts';
export { describeRelations, type CatalogColumn } from './metrics/describe-relations.ts';
export { METRIC_CATALOG, METRIC_NAMES, type MetricEntry, type MetricName } from './metrics/metric-catalog.ts';
export {
  ANOMALY_MIN_OBSERVATIONS,
  ANOMALY_Z_THRESHOLD,
  EXCLUDED_STATUSES,
  EXCLUDED_TXN_TYPES,
  RECURRING_MIN_MONTHS,
  TRADE_TXN_TYPE,
  isCounted,
  isIncome,
  isInvestment,
  isSpend,
  movesBalance,
} from './metrics/metric-definitions.ts';
export { decimalToCents, decimalToMoney, percentChange, percentChangeBasisPoints, toCount } from './metrics/money-text.ts';
export {
  averagePerMonthCents,
  catalogEntries,
  type CatalogEntryWire,
  CATALOG_DIMENSIONS,
  describeCatalog,
  MEASURE_NAMES,
  measureSql,
  percentChangeText,
  qualifiedFlags,
  qualifiedMeasureSql,
  SEMANTIC_CATALOG,
  type CatalogDimension,
  type CatalogName,
  type MeasureName,
  type TimeGrain,
} from './metrics/semantic-catalog.ts';

// Metric SQL (shared by the DuckDB and Postgres adapters)
export { STANDARD_SQL_HOOKS, type SqlDialect } from './metric-sql/sql-dialect.ts';
export {
  TRANSACTION_COLUMNS,
  DBT_FACT_COLUMNS,
  DBT_ACCOUNT_COLUMNS,
  tableSource,
  martsSource,
  servingSource,
  type ColumnNames,
  type TransactionSource,
  type SourceFlags,
  type TableSourceOptions,
  type MartsSourceOptions,
} from './metric-sql/transaction-source.ts';
export { ROLLUPS, rollupSelectSql, type RollupName, type ServingTables } from './metric-sql/serving-tables.ts';
export { anomalyScoresSql } from './metric-sql/anomaly-query.ts';
export { recurringSummaryColumns, recurringSummarySelectSql } from './metric-sql/recurring-query.ts';
export { METRIC_DEFINITIONS_SQL, countedSql } from './metric-sql/metric-query.ts';
export { buildMetricQuery, type MetricInput, type MetricOutput, type MetricOutputs } from './metric-sql/build-metric-query.ts';
export type { MetricQuery, MetricSqlContext, DbRow, SqlParam } from './metric-sql/metric-query.ts';
export { fxRatesValuesSql, halfEvenSql } from './metric-sql/fx-settlement-sql.ts';

// Read-only SQL guard (also used by the agent)
export { validateReadOnlySql, type ReadOnlySqlRules, type ValidatedSql } from './read-only-sql/validate-read-only-sql.ts';
export type { SqlLexicon } from './read-only-sql/sql-tokens.ts';
export { SqlRejectedError, type SqlRejectionReason } from './read-only-sql/sql-rejected-error.ts';

// Reconciliation (`analytics validate`)
export type { DailyFingerprint, DailyFingerprintSource, FingerprintRange, RowFingerprint } from './reconciliation/daily-fingerprint.port.ts';
export { dailyFingerprintQuery, rowFingerprintQuery, canonicalRowSql } from './reconciliation/fingerprint-sql.ts';
export {
  reconcileDaily,
  describeMismatch,
  type DayMismatch,
  type DayMismatchKind,
  type ReconcileOptions,
  type ReconciliationReport,
  type RowDifferences,
} from './reconciliation/reconcile-daily.ts';

// Schema drift (`analytics sync` when Postgres gained a column)
export {
  planColumnDrift,
  rawTypeFor,
  type AddedColumn,
  type ColumnDriftPlan,
  type DriftProblem,
  type SourceColumn,
} from './schema-drift/plan-column-drift.ts';
