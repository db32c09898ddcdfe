import type { BaseCheckpointSaver } from '@langchain/langgraph';
import type { AgentTool } from '../tools/agent-tool.ts';
import { askAgent, type AgentAnswer } from './ask-agent.ts';
import { buildAgentGraph } from './build-agent-graph.ts';
import type { ChatModelFactory } from './chat-model-factory.port.ts';
import { systemPrompt } from './system-prompt.ts';

export interface AgentOptions {
  readonly chatModels: ChatModelFactory;
  readonly tools: readonly AgentTool[];
  /** AGENT_MAX_STEPS */
  readonly maxSteps: number;
  readonly baseCurrency: string;
  readonly sqlRowLimit: number;
  readonly today?: string;
  readonly checkpointer?: BaseCheckpointSaver;
  /** Turns of a session kept (see buildAgentGraph). */
  readonly maxTurnsKept?: number;
}

export interface Agent {
  /** Which chat model plans (never a key). */
  readonly model: string;
  ask(question: string, sessionId: string): Promise<AgentAnswer>;
}

/** The agent: its graph built once with the chosen model, tools and memory. */
export function createAgent(options: AgentOptions): Agent {
  const graph = buildAgentGraph({
    model: options.chatModels.create(),
    tools: options.tools,
    maxSteps: options.maxSteps,
    systemPrompt: systemPrompt({ baseCurrency: options.baseCurrency, sqlRowLimit: options.sqlRowLimit, ...(options.today ? { today: options.today } : {}) }),
    ...(options.checkpointer ? { checkpointer: options.checkpointer } : {}),
    ...(options.maxTurnsKept ? { maxTurnsKept: options.maxTurnsKept } : {}),
  });
  return {
    model: options.chatModels.description,
    ask: (question, sessionId) => askAgent(graph, question, sessionId, { maxSteps: options.maxSteps }),
  };
}
