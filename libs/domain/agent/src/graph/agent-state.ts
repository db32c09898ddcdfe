import type { BaseMessage } from '@langchain/core/messages';
import { Annotation, messagesStateReducer } from '@langchain/langgraph';
import type { AnswerSource } from '../tools/agent-tool.ts';
import type { RouteDecision } from './route-question.ts';

/** One executed tool call of this turn and how it went. */
export interface ToolCallRecord {
  readonly id: string;
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly ok: boolean;
  /** The error shown to the model (and the user on failure). */
  readonly error?: string;
  /** The validated SQL that ran, for the sql tool. */
  readonly sql?: string;
}

export type AnswerStatus = 'answered' | 'refused' | 'failed';

/**
 * The graph's explicit state. `messages` is the whole conversation of the session and persists
 * through the checkpointer (memory for follow-ups); every other field describes the current
 * turn and is reset by the input of each new question (last value wins, no reducer).
 */
export const AgentState = Annotation.Root({
  messages: Annotation<BaseMessage[]>({ reducer: messagesStateReducer, default: () => [] }),
  question: Annotation<string>(),
  sessionId: Annotation<string>(),
  route: Annotation<RouteDecision | null>(),
  /** The tool calls the model asked for in its latest step. */
  plan: Annotation<Array<{ id: string; name: string; args: Record<string, unknown> }>>(),
  toolCalls: Annotation<ToolCallRecord[]>(),
  /** Validated SQL statements that ran, in order: shown with the answer. */
  sql: Annotation<string[]>(),
  sources: Annotation<AnswerSource[]>(),
  answer: Annotation<string | null>(),
  status: Annotation<AnswerStatus | null>(),
  /** Model calls this turn (bounded by AGENT_MAX_STEPS). */
  steps: Annotation<number>(),
  /** Re-plans after a tool error this turn (at most one). */
  replans: Annotation<number>(),
  errors: Annotation<string[]>(),
});

export type AgentStateValue = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;

/** The per-turn fields at the start of a question. */
export function freshTurn(question: string, sessionId: string): AgentStateUpdate {
  return {
    question,
    sessionId,
    route: null,
    plan: [],
    toolCalls: [],
    sql: [],
    sources: [],
    answer: null,
    status: null,
    steps: 0,
    replans: 0,
    errors: [],
  };
}
