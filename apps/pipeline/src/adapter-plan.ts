import { redactUrl, type LedgerlineEnv } from '@ledgerline/config';

export interface PortChoice {
  port: string;
  adapter: string;
  /** true when the embedded (no-infrastructure) default is used. */
  embedded: boolean;
}

/**
 * Which adapter each port uses under this configuration (architecture §2). Unset URLs keep the
 * embedded default; setting the variable switches that one port to the real service.
 */
export function planAdapters(env: LedgerlineEnv): PortChoice[] {
  const dataDir = env.DATA_DIR;
  const warehousePath = env.WAREHOUSE_DUCKDB_PATH ?? `${dataDir}/warehouse.duckdb`;
  return [
    env.KAFKA_BROKERS
      ? { port: 'EventBus', adapter: `Kafka (${env.KAFKA_BROKERS}, topic ${env.KAFKA_TOPIC})`, embedded: false }
      : { port: 'EventBus', adapter: 'in-process bus', embedded: true },
    env.DATABASE_URL
      ? { port: 'TransactionStore', adapter: `PostgreSQL (${redactUrl(env.DATABASE_URL)})`, embedded: false }
      : { port: 'TransactionStore', adapter: `PGlite (${dataDir}/pglite, single connection)`, embedded: true },
    env.WAREHOUSE === 'snowflake'
      ? { port: 'Warehouse', adapter: `Snowflake (${env.SNOWFLAKE_ACCOUNT ?? 'account not set'})`, embedded: false }
      : { port: 'Warehouse', adapter: `DuckDB (${warehousePath})`, embedded: true },
    { port: 'AnalyticsStore', adapter: `DuckDB (${env.ANALYTICS_DUCKDB_PATH ?? warehousePath})`, embedded: true },
    env.CHROMA_URL
      ? { port: 'VectorIndex', adapter: `Chroma (${env.CHROMA_URL})`, embedded: false }
      : { port: 'VectorIndex', adapter: 'DuckDB arrays + cosine similarity', embedded: true },
    env.GOOGLE_API_KEY
      ? { port: 'ChatModel', adapter: `Gemini (${env.GEMINI_MODEL})`, embedded: false }
      : { port: 'ChatModel', adapter: 'offline planner (deterministic)', embedded: true },
  ];
}
