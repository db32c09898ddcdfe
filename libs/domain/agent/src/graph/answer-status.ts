/**
 * A planner's final message marks a refusal with this additional_kwargs key, so that the graph
 * reports `refused` (not `answered`) for "I cannot answer that from the data" replies.
 */
export const REFUSAL_KWARG = 'ledgerline_refused';

/**
 * A planner that states its own interpretation (the offline planner: "Interpreted as: ..." on
 * every figure, none on a clarifying question) marks its final message with this key, so the
 * graph does not add one derived from the tool calls.
 */
export const STATES_INTERPRETATION_KWARG = 'ledgerline_states_interpretation';
