import type { AnswerSource } from '@ledgerline/agent';
import { token } from '@ledgerline/di';

/** What the chat panel shows for one question: the answer and what it was built from. */
export interface AgentReply {
  answer: string;
  status: string;
  sql: readonly string[];
  sources: readonly AnswerSource[];
  toolCalls: ReadonlyArray<{ name: string; ok: boolean }>;
}

/**
 * The dashboard's view of the agent: one question in a session. The server depends on this
 * port only, so the chat panel works with the in-process offline agent and with a remote one.
 */
export interface AgentPort {
  /** Which chat model answers (never a key). */
  readonly model: string;
  ask(question: string, sessionId: string): Promise<AgentReply>;
}

export const DASHBOARD_AGENT = token<AgentPort>('DashboardAgent');
