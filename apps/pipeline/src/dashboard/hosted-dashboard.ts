import { releasedVectorIndex } from '@ledgerline/agent';
import type { AnalyticsStore } from '@ledgerline/analytics';
import type { LedgerlineEnv } from '@ledgerline/config';
import { createInProcessAgent, FlowRunnerSource, runHistoryHealth, startDashboard, type ApiDeps, type StartedDashboard } from '@ledgerline/dashboard-http';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import { deadLetterTopic, type TopicAdmin } from '@ledgerline/ingestion';
import { streamSettingsFromEnv } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import { PRICES_TOPIC, type MarketReads } from '@ledgerline/market-data';
import type { RunHistory } from '@ledgerline/pipeline';
import { openAgentVectorIndex } from '../stages/agent-vector-index.ts';
import type { QuiesceGate } from '../stages/quiesce-gate.ts';
import { warehouseReads } from './warehouse-reads.ts';

/** What the main job owns that the dashboard reads: its own stores and bus, never a second client. */
export interface HostedDashboardDeps {
  readonly env: LedgerlineEnv;
  readonly logger: Logger;
  /** The main job's run history (on its store: PGlite's one connection included). */
  readonly history: RunHistory;
  /** The main job's bus, for the dead-letter topics' sizes. */
  readonly admin: Pick<TopicAdmin, 'endOffsets'>;
  /** Held by every warehouse cycle (sync, dbt, market writes): dashboard reads wait their turn. */
  readonly warehouseLock: QuiesceGate;
}

/**
 * The data the dashboard hosted in the main job answers from, all in process:
 * - analytics: the warehouse file the sync writes, read under the warehouse lock (warehouseReads);
 * - health: the run history the scheduler records, and the DLQ topics' sizes from the bus;
 * - agent: the offline agent over the same reads.
 * - flows: the main job's FlowRunner (history and "run now"), attached by serve once it started
 *   the flows and detached before it stops them.
 * A new panel's source is one more field here, from the main job's own ports, and one more field
 * of ApiDeps in @ledgerline/dashboard-http.
 */
export function hostedDashboardSources(
  deps: HostedDashboardDeps,
): ApiDeps & { readonly store: AnalyticsStore; readonly market: MarketReads; readonly flows: FlowRunnerSource } {
  const { env } = deps;
  const duckdb = duckDbFromEnv(env);
  const store = warehouseReads(duckdb.analyticsStore({ file: 'warehouse', lockWaitMs: 10_000, logger: deps.logger.child('duckdb') }), deps.warehouseLock);
  // The market page: bars from RAW (the stream lands a minute at a time), indicators from dbt's marts.
  const market = warehouseReads(duckdb.marketReads({ file: 'warehouse', lockWaitMs: 10_000 }), deps.warehouseLock);
  const dlqTopics = [deadLetterTopic(streamSettingsFromEnv(env).topic), ...(env.PIPELINE_MARKET_ENABLED ? [deadLetterTopic(PRICES_TOPIC)] : [])];
  const deadLettered = async (): Promise<number> => {
    let total = 0;
    for (const topic of dlqTopics) for (const end of await deps.admin.endOffsets(topic)) total += Number(end.offset);
    return total;
  };
  return {
    store,
    market,
    flows: new FlowRunnerSource(),
    health: runHistoryHealth({ history: deps.history, deadLettered }),
    // News questions: retrieval from the index the market stage fills as news land.
    agent: createInProcessAgent({ store, market, index: releasedVectorIndex(() => openAgentVectorIndex(env), 'the agent vector index'), baseCurrency: env.BASE_CURRENCY, maxSteps: env.AGENT_MAX_STEPS, sqlRowLimit: env.AGENT_SQL_ROW_LIMIT }),
  };
}

export interface HostedDashboard extends StartedDashboard {
  readonly sources: ReturnType<typeof hostedDashboardSources>;
}

/** Serves the dashboard from the main job (`npm start`); a taken port is a DashboardPortInUseError. */
export async function startHostedDashboard(deps: HostedDashboardDeps, port: number): Promise<HostedDashboard> {
  const sources = hostedDashboardSources(deps);
  try {
    const started = await startDashboard({
      ...sources,
      logger: deps.logger,
      port,
      portHint: 'DASHBOARD_PORT or --dashboard-port (--no-dashboard: none)',
      ...(deps.env.DASHBOARD_ALLOWED_HOSTS ? { allowedHosts: deps.env.DASHBOARD_ALLOWED_HOSTS } : {}),
      onBuild: (message) => deps.logger.info(message),
    });
    return {
      url: started.url,
      sources,
      close: async () => {
        await started.close();
        await sources.store.close();
        await sources.market.close();
      },
    };
  } catch (error) {
    await sources.store.close();
    await sources.market.close();
    throw error;
  }
}
