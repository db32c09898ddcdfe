/**
 * A planner's final message marks a refusal with this additional_kwargs key, so that the graph
 * reports `refused` (not `answered`) for "I cannot answer that from the data" replies.
 */
export const REFUSAL_KWARG = 'ledgerline_refused';
