import { AIMessage, HumanMessage } from '@langchain/core/messages';
import type { AgentStateUpdate, AgentStateValue } from '../agent-state.ts';
import { routeQuestion } from '../route-question.ts';

/** Records the question in the conversation and refuses (or helps) without planning when it must. */
export function routeNode(state: AgentStateValue): AgentStateUpdate {
  const decision = routeQuestion(state.question, { hasHistory: state.messages.some((m) => HumanMessage.isInstance(m)) });
  const question = new HumanMessage(state.question);
  if (decision.kind === 'plan') return { route: decision, messages: [question] };
  return {
    route: decision,
    answer: decision.message,
    status: decision.kind === 'refuse' ? 'refused' : 'answered',
    messages: [question, new AIMessage(decision.message)],
  };
}
