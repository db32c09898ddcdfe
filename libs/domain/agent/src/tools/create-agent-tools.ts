import type { AnalyticsStore } from '@ledgerline/analytics';
import type { MarketReads } from '@ledgerline/market-data';
import type { ModelDocsSource } from '../documents/model-docs.port.ts';
import type { Embedder } from '../vector-search/embedder.port.ts';
import type { VectorIndex } from '../vector-search/vector-index.port.ts';
import type { AgentTool } from './agent-tool.ts';
import { createMarketTool } from './market-tool.ts';
import { createMetricsTool } from './metrics-tool.ts';
import { createNewsTool } from './news-tool.ts';
import { createSchemaTool } from './schema-tool.ts';
import { createSearchTool } from './search-tool.ts';
import { sqlAllowList } from './sql-allow-list.ts';
import { createSqlTool } from './sql-tool.ts';

export interface AgentToolDeps {
  readonly store: AnalyticsStore;
  readonly embedder: Embedder;
  readonly index: VectorIndex;
  readonly modelDocs: ModelDocsSource;
  /** AGENT_SQL_ROW_LIMIT */
  readonly sqlRowLimit: number;
  /** Per SQL query; default 15 s. */
  readonly sqlTimeoutMs?: number;
  /** The market data (prices, indicators); absent = no `market` and `news` tools, market questions refused. */
  readonly market?: MarketReads | undefined;
}

/**
 * The agent's tools: metrics, sql, search and schema, sharing one SQL allow-list, and market and
 * news (retrieval from the vector index, where news are indexed as they land) with market data.
 */
export function createAgentTools(deps: AgentToolDeps): AgentTool[] {
  let allowList: Promise<string[]> | undefined;
  const allowedRelations = () => (allowList ??= deps.store.describeSchema().then(sqlAllowList));
  return [
    createMetricsTool(deps.store),
    createSqlTool(deps.store, { maxRows: deps.sqlRowLimit, allowedRelations, timeoutMs: deps.sqlTimeoutMs ?? 15_000 }),
    createSearchTool(deps.embedder, deps.index),
    createSchemaTool(deps.store, deps.modelDocs, { allowedRelations }),
    ...(deps.market ? [createMarketTool(deps.market), createNewsTool(deps.embedder, deps.index, deps.market)] : []),
  ] as AgentTool[];
}
