import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import type { ChatModelFactory } from '@ledgerline/agent';
import type { ChatOptions } from '../configuration.ts';

export type GeminiChatOptions = Omit<Extract<ChatOptions, { provider: 'gemini' }>, 'provider'>;

/**
 * Gemini as the agent's chat model (tool calling, temperature 0 for repeatable plans). The key
 * stays inside the model object; `description` names only the model.
 */
export function geminiChatModelFactory(options: GeminiChatOptions): ChatModelFactory {
  const { apiKey, model, baseUrl } = options;
  return {
    description: `Gemini ${model}`,
    create: () => new ChatGoogleGenerativeAI({ apiKey, model, temperature: 0, maxRetries: 2, ...(baseUrl ? { baseUrl } : {}) }),
    // Keeps JSON.stringify / util.inspect of the factory free of the key.
    toJSON: () => ({ description: `Gemini ${model}` }),
  } as ChatModelFactory;
}
