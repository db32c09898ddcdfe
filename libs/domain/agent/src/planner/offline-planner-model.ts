import type { BaseChatModelParams, BindToolsInput } from '@langchain/core/language_models/chat_models';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { REFUSAL_KWARG, STATES_INTERPRETATION_KWARG } from '../graph/answer-status.ts';
import { planOffline, type OfflinePlanOptions } from './offline-plan.ts';
import { readTurn } from './turn-results.ts';

export interface OfflinePlannerOptions extends OfflinePlanOptions, BaseChatModelParams {}

/**
 * The deterministic offline planner as a LangChain chat model, so the SAME agent graph runs with
 * it or with Gemini. Each call reads the conversation (last question, earlier questions for
 * follow-ups, this turn's tool results) and replies either with tool calls (metrics, sql,
 * search, schema) or with the final answer text. LangChain's stock fake models cannot emit tool
 * calls; this one plans them (planner/offline-plan.ts).
 */
export class OfflinePlannerChatModel extends BaseChatModel {
  private readonly options: OfflinePlanOptions;
  private calls = 0;

  constructor(options: OfflinePlannerOptions) {
    super(options);
    this.options = { baseCurrency: options.baseCurrency, ...(options.today ? { today: options.today } : {}) };
  }

  _llmType(): string {
    return 'ledgerline-offline-planner';
  }

  /** The planner knows its four tools by name; binding only has to return a runnable model. */
  override bindTools(_tools: BindToolsInput[]): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const decision = planOffline(readTurn(messages), this.options);
    this.calls += 1;
    const message =
      decision.kind === 'answer'
        ? new AIMessage({ content: decision.text, additional_kwargs: { [STATES_INTERPRETATION_KWARG]: true, ...(decision.refused ? { [REFUSAL_KWARG]: true } : {}) } })
        : new AIMessage({
            content: '',
            tool_calls: decision.calls.map((call, i) => ({ id: `offline_${this.calls}_${i}`, name: call.name, args: { ...call.args }, type: 'tool_call' as const })),
          });
    return { generations: [{ message, text: decision.kind === 'answer' ? decision.text : '' }] };
  }
}
