import { jobStoreFromEnv, pipelineHealthFromEnv } from '@ledgerline/postgres';
import { openPgBossFlowControl } from '@ledgerline/pg-boss';
import { collectionName, HashingEmbedder, releasedVectorIndex } from '@ledgerline/agent';
import { ANALYTICS_STORE } from '@ledgerline/analytics';
import { chromaFromEnv } from '@ledgerline/chroma';
import type { LedgerlineEnv } from '@ledgerline/config';
import { CompositionRoot } from '@ledgerline/di';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { MARKET_READS } from '@ledgerline/market-data';
import type { Logger } from '@ledgerline/logging';
import { createInProcessAgent, DASHBOARD_AGENT, DASHBOARD_FLOWS, flowControlSource, PIPELINE_HEALTH, unknownPipelineHealth, type AgentPort } from '@ledgerline/dashboard-http';

export interface DashboardContainerOptions {
  /** Leave the chat panel out (`--no-agent`). */
  readonly agent: boolean;
}

/**
 * The dashboard's composition root: the AnalyticsStore on the analytics DuckDB file (read-only,
 * shared by the charts and the agent), the in-process agent with the offline planner, and the
 * pipeline health from PostgreSQL when DATABASE_URL is set (else "unknown": PGlite admits one
 * connection, and that one belongs to the pipeline process — which serves the dashboard itself,
 * with the health it knows in process: `npm start`). Likewise the flows page: the job store on
 * PostgreSQL (the main job's workers run what it queues), none on the embedded store.
 */
export function buildContainer(env: LedgerlineEnv, logger: Logger, options: DashboardContainerOptions): CompositionRoot {
  const root = new CompositionRoot();
  const duckdb = duckDbFromEnv(env);
  const path = duckdb.paths.analytics;
  root.bind(ANALYTICS_STORE, () => {
    // Let go of the file when idle so the sync and dbt can take it between page views.
    const store = duckdb.analyticsStore({ idleCloseMs: 15_000, lockWaitMs: 10_000, logger: logger.child('duckdb') });
    root.onDispose('analytics store', () => store.close());
    return store;
  }, `DuckDB ${path} (read-only)`);
  root.bind(MARKET_READS, () => {
    // The market page's prices (RAW) and indicators (dbt marts) live in the same warehouse file.
    const reads = duckdb.marketReads({ idleCloseMs: 15_000, lockWaitMs: 10_000 });
    root.onDispose('market reads', () => reads.close());
    return reads;
  }, `DuckDB ${path} market RAW and marts (read-only)`);
  const health = pipelineHealthFromEnv(env);
  root.bind(PIPELINE_HEALTH, () => {
    const source = health.health ?? unknownPipelineHealth(health.reason);
    root.onDispose('pipeline health', () => source.close());
    return source;
  }, health.health ? health.description : `unknown (${health.reason})`);
  const jobStore = jobStoreFromEnv(env);
  if (jobStore.target) {
    const target = jobStore.target;
    root.bind(DASHBOARD_FLOWS, () => {
      const { control } = openPgBossFlowControl(target, { logger: logger.child('flows') });
      root.onDispose('flow control', () => control.close());
      return flowControlSource(control);
    }, jobStore.description);
  }
  if (options.agent) {
    // News questions are answered from the vector index the main job fills as news land (Chroma
    // at CHROMA_URL, else the DuckDB vectors file, opened per question so the main job can write it).
    const collection = collectionName(new HashingEmbedder().id);
    const chroma = chromaFromEnv(env);
    const index = releasedVectorIndex(async () => (chroma ? chroma.vectorIndex(collection) : duckdb.vectorIndex(collection)), `${chroma ? chroma.description : `DuckDB ${duckdb.paths.vectors}`} (${collection})`);
    root.bind<AgentPort>(DASHBOARD_AGENT, (resolve) =>
      createInProcessAgent({ store: resolve(ANALYTICS_STORE), market: resolve(MARKET_READS), index, baseCurrency: env.BASE_CURRENCY, maxSteps: env.AGENT_MAX_STEPS, sqlRowLimit: env.AGENT_SQL_ROW_LIMIT }),
    'in-process agent, offline planner');
  }
  return root;
}
