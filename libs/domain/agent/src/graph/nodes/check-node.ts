import type { AgentStateUpdate, AgentStateValue } from '../agent-state.ts';

export type CheckOutcome = 'call_model' | 'give_up';

/** Whether the latest round of tool calls had an error. */
export function lastRoundFailed(state: AgentStateValue): boolean {
  const ids = new Set(state.plan.map((c) => c.id));
  return state.toolCalls.some((r) => ids.has(r.id) && !r.ok);
}

/** Counts failed tool rounds in `replans`: the first failure is followed by one re-plan. */
export function checkNode(state: AgentStateValue): AgentStateUpdate {
  return lastRoundFailed(state) ? { replans: state.replans + 1 } : {};
}

/**
 * After the tools: a tool error allows ONE re-plan (the model sees the error and may try
 * differently); a second failed round, or reaching AGENT_MAX_STEPS model steps, ends the turn
 * with an honest failure instead of looping.
 */
export function afterCheck(maxSteps: number) {
  return (state: AgentStateValue): CheckOutcome => {
    if (lastRoundFailed(state) && state.replans > 1) return 'give_up';
    if (state.steps >= maxSteps) return 'give_up';
    return 'call_model';
  };
}
