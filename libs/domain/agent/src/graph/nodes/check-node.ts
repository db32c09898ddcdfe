import type { AgentStateUpdate, AgentStateValue } from '../agent-state.ts';

export type CheckOutcome = 'plan' | 'give_up';

/** Whether the latest round of tool calls had an error. */
export function lastRoundFailed(state: AgentStateValue): boolean {
  const ids = new Set(state.plan.map((c) => c.id));
  return state.toolCalls.some((r) => ids.has(r.id) && !r.ok);
}

/**
 * After the tools: a tool error allows ONE re-plan (the model sees the error and may try
 * differently); a second error, or reaching AGENT_MAX_STEPS model steps, ends the turn with an
 * honest failure instead of looping.
 */
export function checkNode(maxSteps: number) {
  return (state: AgentStateValue): AgentStateUpdate => {
    if (lastRoundFailed(state) && state.replans < 1) return { replans: state.replans + 1 };
    return {};
  };
}

export function afterCheck(maxSteps: number) {
  return (state: AgentStateValue): CheckOutcome => {
    if (state.steps >= maxSteps) return 'give_up';
    if (lastRoundFailed(state) && state.replans >= 1 && state.errors.length > 1) return 'give_up';
    return 'plan';
  };
}
