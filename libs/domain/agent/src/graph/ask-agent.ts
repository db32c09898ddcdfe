import type { AnswerSource } from '../tools/agent-tool.ts';
import { freshTurn, type AnswerStatus, type ToolCallRecord } from './agent-state.ts';
import type { AgentGraph } from './build-agent-graph.ts';

/** What one question produced: the CLI prints it, `--json` emits it as is. */
export interface AgentAnswer {
  readonly sessionId: string;
  readonly question: string;
  readonly status: AnswerStatus;
  readonly answer: string;
  readonly toolCalls: readonly ToolCallRecord[];
  /** Validated SQL that ran, as run (with its LIMIT). */
  readonly sql: readonly string[];
  readonly sources: readonly AnswerSource[];
  readonly steps: number;
  readonly errors: readonly string[];
}

export interface AskOptions {
  readonly maxSteps: number;
}

/**
 * Runs one question through the graph in a session (the checkpointer keeps the conversation
 * under thread_id = sessionId, so a later question can follow up on this one).
 */
export async function askAgent(graph: AgentGraph, question: string, sessionId: string, options: AskOptions): Promise<AgentAnswer> {
  const state = await graph.invoke(freshTurn(question, sessionId), {
    configurable: { thread_id: sessionId },
    // Each model step is plan + tools + check: three graph steps, plus route and the end nodes.
    recursionLimit: options.maxSteps * 3 + 10,
  });
  return {
    sessionId,
    question,
    status: state.status ?? 'failed',
    answer: state.answer ?? 'I have no answer.',
    toolCalls: state.toolCalls,
    sql: state.sql,
    sources: state.sources,
    steps: state.steps,
    errors: state.errors,
  };
}
