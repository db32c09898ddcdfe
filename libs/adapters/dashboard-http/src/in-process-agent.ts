import {
  BoundedMemorySaver,
  createAgent,
  DEFAULT_MAX_TURNS_KEPT,
  DEFAULT_SESSION_BOUNDS,
  createAgentTools,
  HashingEmbedder,
  InMemoryVectorIndex,
  noModelDocs,
  offlineChatModelFactory,
  type ChatModelFactory,
  type SessionBounds,
  type VectorIndex,
} from '@ledgerline/agent';
import type { AnalyticsStore } from '@ledgerline/analytics';
import type { MarketReads } from '@ledgerline/market-data';
import type { AgentPort } from './agent-port.ts';

export interface InProcessAgentOptions {
  readonly store: AnalyticsStore;
  /** The market data: with it the agent answers price, indicator and news questions too. */
  readonly market?: MarketReads | undefined;
  /**
   * The agent's vector index in the local embedder's collection (where the main job indexes the
   * news as they land, and the pipeline its documents); default an empty in-memory one.
   */
  readonly index?: VectorIndex;
  readonly baseCurrency: string;
  readonly maxSteps: number;
  readonly sqlRowLimit: number;
  /** Defaults to the offline planner (no key, no network). */
  readonly chatModels?: ChatModelFactory;
  /** Memory bounds (defaults: DEFAULT_SESSION_BOUNDS, DEFAULT_MAX_TURNS_KEPT turns a session). */
  readonly sessions?: Partial<SessionBounds> & { readonly maxTurnsKept?: number };
  /** Per SQL query of the agent (default 15 s); the query is interrupted then. */
  readonly sqlTimeoutMs?: number;
  /** For the sessions' TTL; tests pin it. */
  readonly now?: () => number;
}

/**
 * The agent graph in the dashboard process, over the same AnalyticsStore the charts use, and the
 * vector index the caller gives (news questions are answered from it; without one it is empty);
 * sessions live in bounded memory. The embedder is the local one, as the pipeline's.
 */
export function createInProcessAgent(options: InProcessAgentOptions): AgentPort {
  const tools = createAgentTools({
    store: options.store,
    embedder: new HashingEmbedder(),
    index: options.index ?? new InMemoryVectorIndex(),
    modelDocs: noModelDocs,
    sqlRowLimit: options.sqlRowLimit,
    ...(options.sqlTimeoutMs ? { sqlTimeoutMs: options.sqlTimeoutMs } : {}),
    market: options.market,
  });
  const { maxTurnsKept = DEFAULT_MAX_TURNS_KEPT, ...bounds } = options.sessions ?? {};
  const checkpointer = new BoundedMemorySaver({ ...DEFAULT_SESSION_BOUNDS, ...bounds }, options.now);
  const agent = createAgent({
    chatModels: options.chatModels ?? offlineChatModelFactory({ baseCurrency: options.baseCurrency }),
    tools,
    maxSteps: options.maxSteps,
    baseCurrency: options.baseCurrency,
    sqlRowLimit: options.sqlRowLimit,
    checkpointer,
    maxTurnsKept,
  });
  return {
    model: agent.model,
    async ask(question, sessionId) {
      const reply = await agent.ask(question, sessionId);
      return {
        answer: reply.answer,
        status: reply.status,
        sql: reply.sql,
        sources: reply.sources,
        toolCalls: reply.toolCalls.map((call) => ({ name: call.name, ok: call.ok })),
      };
    },
  };
}
