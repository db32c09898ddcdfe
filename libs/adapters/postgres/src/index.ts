export { createPostgresStore } from './factory.ts';
export { postgresStoreOptionsSchema, postgresOptionsFromEnv, type PostgresEnv, type PostgresStoreOptions } from './configuration.ts';
export { openPostgres, postgresFromEnv, type PostgresAdapter, type PostgresCapabilities } from './adapter.ts';
export { jobStoreFromEnv, openPgoutput, pgoutputOptionsFromEnv, pipelineHealthFromEnv, type PgoutputEnv } from './from-env-extras.ts';
export { PostgresTransactionStore } from './store/postgres-transaction-store.ts';
export type { PooledDatabase } from './client/pooled-database.ts';
export type { SqlClient, SqlResult, SqlTransactionOptions, IsolationLevel, StoreBackend } from './client/sql-client.ts';
export {
  ENTITIES,
  AccountEntity,
  CompanyEntity,
  CustomerCompanyEntity,
  CustomerEntity,
  DeletedRowEntity,
  IngestedFileEntity,
  PipelineRunEntity,
  StreamOffsetEntity,
  SyncStateEntity,
  TransactionEntity,
  type AccountRow,
  type CompanyRow,
  type CustomerCompanyRow,
  type CustomerRow,
  type DeletedRowRow,
  type IngestedFileRow,
  type PipelineRunRow,
  type StreamOffsetRow,
  type SyncStateRow,
  type TransactionRow,
} from './schema/entities/index.ts';
export { PostgresChangeFeed } from './change-feed/postgres-change-feed.ts';
export { PostgresAnalyticsSource } from './analytics-source/postgres-analytics-source.ts';
export { POSTGRES_DIALECT } from './analytics-source/postgres-dialect.ts';
export { PostgresRunHistory } from './run-history/postgres-run-history.ts';
export { PostgresPipelineHealth } from './run-history/postgres-pipeline-health.ts';
export { createPgoutputChangeSource } from './pgoutput/create-pgoutput-change-source.ts';
export { PgoutputChangeSource } from './pgoutput/pgoutput-change-source.ts';
export { pgoutputSourceOptionsSchema, type PgoutputSourceOptions, type PgoutputSourceSettings } from './pgoutput/pgoutput-options.ts';
export { PostgresEventLogStore } from './event-log/postgres-event-log-store.ts';
export { PostgresProducerCheckpoints } from './event-log/postgres-producer-checkpoints.ts';
export { createTriggerLogChangeSource } from './trigger-log/create-trigger-log-change-source.ts';
export { TriggerLogChangeSource } from './trigger-log/trigger-log-change-source.ts';
export { triggerLogSourceOptionsSchema, type TriggerLogSourceOptions } from './trigger-log/trigger-log-options.ts';
