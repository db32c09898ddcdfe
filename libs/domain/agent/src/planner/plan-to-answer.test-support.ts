import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { planOffline, type PlannerDecision } from './offline-plan.ts';
import { readTurn, type PlannedCall } from './turn-results.ts';

// For the planner's defect-class specs: drives one question through the offline planner to its
// answer, the way the graph does (tool calls, then their results as tool messages).

export type Responder = (call: PlannedCall) => unknown;

/** Runs the planner to its answer, giving every call it asks for the responder's result. */
export function planToAnswer(question: string, respond: Responder, today = '2026-09-30'): PlannerDecision {
  const messages: BaseMessage[] = [new HumanMessage(question)];
  for (let round = 0; round < 8; round += 1) {
    const decision = planOffline(readTurn(messages), { baseCurrency: 'EUR', today });
    if (decision.kind === 'answer') return decision;
    messages.push(new AIMessage({ content: '', tool_calls: decision.calls.map((c, i) => ({ id: `c${round}_${i}`, name: c.name, args: c.args, type: 'tool_call' as const })) }));
    decision.calls.forEach((c, i) => messages.push(new ToolMessage({ tool_call_id: `c${round}_${i}`, content: JSON.stringify(respond(c)) })));
  }
  throw new Error('the planner did not answer within 8 rounds');
}
