import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { token } from '@ledgerline/di';

/**
 * Makes the chat model the agent graph plans with: the deterministic offline planner, Gemini
 * or an OpenAI-compatible server (adapter @ledgerline/llm, llmFromEnv, picks one). The model must support
 * tool calling (`bindTools`).
 */
export interface ChatModelFactory {
  /** For banners and `--json`: which model, never a key. */
  readonly description: string;
  create(): BaseChatModel;
}

export const CHAT_MODEL_FACTORY = token<ChatModelFactory>('ChatModelFactory');
