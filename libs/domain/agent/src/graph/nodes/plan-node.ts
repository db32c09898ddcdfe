import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import type { AgentStateUpdate, AgentStateValue } from '../agent-state.ts';

type BoundModel = Runnable<BaseMessage[], BaseMessage>;

/** Binds the tools once; a model without tool calling cannot drive this graph. */
export function bindModel(model: BaseChatModel, tools: Parameters<NonNullable<BaseChatModel['bindTools']>>[0]): BoundModel {
  if (!model.bindTools) throw new Error(`chat model ${model._llmType()} does not support tool calling`);
  return model.bindTools(tools) as unknown as BoundModel;
}

/** One model step: the conversation in, either tool calls or the final answer out. */
export function planNode(model: BoundModel, system: string) {
  return async (state: AgentStateValue): Promise<AgentStateUpdate> => {
    const reply = await model.invoke([new SystemMessage(system), ...state.messages]);
    const message = AIMessage.isInstance(reply) ? reply : new AIMessage({ content: reply.content });
    const calls = (message.tool_calls ?? []).map((c, i) => ({ id: c.id ?? `call_${state.steps}_${i}`, name: c.name, args: c.args }));
    // Tool calls without ids cannot be answered by ToolMessages; give them ids the tools node uses.
    const normalised = calls.length > 0 ? new AIMessage({ content: message.content, tool_calls: calls.map((c) => ({ ...c, type: 'tool_call' as const })) }) : message;
    return { messages: [normalised], plan: calls, steps: state.steps + 1 };
  };
}
