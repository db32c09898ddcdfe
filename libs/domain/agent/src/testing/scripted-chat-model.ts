import { BaseChatModel, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/** A scripted reply: final text, or tool calls (name + args). */
export type ScriptedReply = string | { readonly toolCalls: ReadonlyArray<{ name: string; args: Record<string, unknown> }> };

/**
 * A chat model that replays a script, for graph tests (LangChain's fakes cannot emit tool
 * calls). After the script it repeats the last reply, which makes step-limit tests easy.
 * `seen` records what the model was shown at each step.
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly seen: BaseMessage[][] = [];
  private step = 0;

  constructor(private readonly script: readonly ScriptedReply[]) {
    super({});
  }

  _llmType(): string {
    return 'scripted';
  }

  override bindTools(_tools: BindToolsInput[]): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.seen.push(messages);
    const reply = this.script[Math.min(this.step, this.script.length - 1)] ?? 'done';
    this.step += 1;
    const message =
      typeof reply === 'string'
        ? new AIMessage(reply)
        : new AIMessage({ content: '', tool_calls: reply.toolCalls.map((c, i) => ({ id: `scripted_${this.step}_${i}`, name: c.name, args: c.args, type: 'tool_call' as const })) });
    return { generations: [{ message, text: typeof reply === 'string' ? reply : '' }] };
  }
}
