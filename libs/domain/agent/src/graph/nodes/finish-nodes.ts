import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { messageText } from '../../planner/turn-results.ts';
import type { AgentStateUpdate, AgentStateValue } from '../agent-state.ts';
import { REFUSAL_KWARG, STATES_INTERPRETATION_KWARG } from '../answer-status.ts';
import { interpretationOfSources } from '../interpretation-of-sources.ts';
import { lastRoundFailed } from './check-node.ts';

/** Whether the tool results right before the final message include an error. */
function answeredAfterFailure(messages: readonly BaseMessage[]): boolean {
  for (let i = messages.length - 2; i >= 0; i--) {
    const message = messages[i];
    if (!message || !ToolMessage.isInstance(message)) return false;
    if (message.status === 'error') return true;
  }
  return false;
}

/** The model answered without tool calls: that text is the answer. */
export function answerNode(state: AgentStateValue): AgentStateUpdate {
  const last = state.messages.at(-1);
  const text = last ? messageText(last).trim() : '';
  // An answer right after a failed tool round reports that failure (honestly), not a result.
  if (answeredAfterFailure(state.messages)) return { answer: text || 'I have no answer.', status: 'failed' };
  const refused = last?.additional_kwargs?.[REFUSAL_KWARG] === true;
  if (refused) return { answer: text || 'I have no answer.', status: 'refused' };
  // The offline planner states its interpretation itself; a chat model's answer gets the one
  // its validated tool calls amount to.
  const statesOwn = last?.additional_kwargs?.[STATES_INTERPRETATION_KWARG] === true || /Interpreted as: /.test(text);
  const interpretation = statesOwn ? undefined : interpretationOfSources(state.sources);
  const answer = text || 'I have no answer.';
  return { answer: interpretation ? `${answer}\n${interpretation}` : answer, status: 'answered' };
}

/** Ends the turn with an honest failure: repeated tool errors or the step bound. */
export function giveUpNode(maxSteps: number) {
  return (state: AgentStateValue): AgentStateUpdate => {
    const lastError = state.errors.at(-1);
    const text =
      state.steps >= maxSteps && !(lastRoundFailed(state) && lastError)
        ? `I could not finish: I stopped after ${state.steps} planning steps (AGENT_MAX_STEPS = ${maxSteps}) without reaching an answer.`
        : `I could not answer this: ${lastError ?? 'a tool failed'}.`;
    return { answer: text, status: 'failed', messages: [new AIMessage(text)] };
  };
}
