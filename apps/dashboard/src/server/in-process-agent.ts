import {
  createAgent,
  createAgentTools,
  HashingEmbedder,
  InMemoryVectorIndex,
  noModelDocs,
  offlineChatModelFactory,
  type ChatModelFactory,
} from '@ledgerline/agent';
import type { AnalyticsStore } from '@ledgerline/analytics';
import { MemorySaver } from '@langchain/langgraph';
import type { AgentPort } from './agent-port.ts';

export interface InProcessAgentOptions {
  readonly store: AnalyticsStore;
  readonly baseCurrency: string;
  readonly maxSteps: number;
  readonly sqlRowLimit: number;
  /** Defaults to the offline planner (no key, no network). */
  readonly chatModels?: ChatModelFactory;
}

/**
 * The agent graph in the dashboard process, over the same AnalyticsStore the charts use. The
 * document index starts empty (the `agent index` command fills the agent app's own index), so
 * answers come from the metrics, SQL and schema tools; sessions live in memory.
 */
export function createInProcessAgent(options: InProcessAgentOptions): AgentPort {
  const tools = createAgentTools({
    store: options.store,
    embedder: new HashingEmbedder(),
    index: new InMemoryVectorIndex(),
    modelDocs: noModelDocs,
    sqlRowLimit: options.sqlRowLimit,
  });
  const agent = createAgent({
    chatModels: options.chatModels ?? offlineChatModelFactory({ baseCurrency: options.baseCurrency }),
    tools,
    maxSteps: options.maxSteps,
    baseCurrency: options.baseCurrency,
    sqlRowLimit: options.sqlRowLimit,
    checkpointer: new MemorySaver(),
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
