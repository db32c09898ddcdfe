import { AIMessage, HumanMessage, RemoveMessage, type BaseMessage } from '@langchain/core/messages';
import type { AgentStateUpdate, AgentStateValue } from '../agent-state.ts';
import { routeQuestion } from '../route-question.ts';

/** Turns of a conversation the model sees and the checkpointer keeps, by default. */
export const DEFAULT_MAX_TURNS_KEPT = 20;

/**
 * Removals that keep the newest `keep - 1` turns before a new question (a turn starts at a human
 * message, so a tool call is never separated from its result). Without this bound every turn
 * re-sends, and every checkpoint re-stores, the whole session.
 */
export function trimTurns(messages: readonly BaseMessage[], keep: number): RemoveMessage[] {
  const starts = messages.flatMap((m, i) => (HumanMessage.isInstance(m) ? [i] : []));
  const excess = starts.length - (keep - 1);
  if (excess <= 0) return [];
  const cut = starts[excess] ?? messages.length;
  return messages.slice(0, cut).flatMap((m) => (m.id ? [new RemoveMessage({ id: m.id })] : []));
}

/** Records the question in the conversation and refuses (or helps) without planning when it must. */
export function routeNode(maxTurnsKept = DEFAULT_MAX_TURNS_KEPT, market = false) {
  if (!Number.isInteger(maxTurnsKept) || maxTurnsKept < 1) throw new RangeError('maxTurnsKept must be a positive integer');
  return (state: AgentStateValue): AgentStateUpdate => {
    const decision = routeQuestion(state.question, { hasHistory: state.messages.some((m) => HumanMessage.isInstance(m)), market });
    const trimmed = trimTurns(state.messages, maxTurnsKept);
    const question = new HumanMessage(state.question);
    if (decision.kind === 'plan') return { route: decision, messages: [...trimmed, question] };
    return {
      route: decision,
      answer: decision.message,
      status: decision.kind === 'refuse' ? 'refused' : 'answered',
      messages: [...trimmed, question, new AIMessage(decision.message)],
    };
  };
}
