import { ChatGoogleGenerativeAI } from '@langchain/google-genai';
import type { ChatModelFactory } from '@ledgerline/agent';
import type { GeminiConfig } from './gemini-config.ts';

/**
 * Gemini as the agent's chat model (tool calling, temperature 0 for repeatable plans). The key
 * stays inside the model object; `description` names only the model.
 */
export function geminiChatModelFactory(config: Pick<GeminiConfig, 'GOOGLE_API_KEY' | 'GEMINI_MODEL'> & Partial<Pick<GeminiConfig, 'GEMINI_BASE_URL'>>): ChatModelFactory {
  const apiKey = config.GOOGLE_API_KEY;
  const model = config.GEMINI_MODEL;
  const baseUrl = config.GEMINI_BASE_URL;
  return {
    description: `Gemini ${model}`,
    create: () => new ChatGoogleGenerativeAI({ apiKey, model, temperature: 0, maxRetries: 2, ...(baseUrl ? { baseUrl } : {}) }),
    // Keeps JSON.stringify / util.inspect of the factory free of the key.
    toJSON: () => ({ description: `Gemini ${model}` }),
  } as ChatModelFactory;
}
