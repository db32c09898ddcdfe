import { ChatOpenAI } from '@langchain/openai';
import type { ChatModelFactory } from '@ledgerline/agent';
import type { ChatOptions } from '../configuration.ts';

export type OpenAiCompatibleChatOptions = Omit<Extract<ChatOptions, { provider: 'openai-compatible' }>, 'provider'>;

// Sent when no key is configured: local servers ignore the header, the client requires one.
const NO_KEY = 'not-needed';

/**
 * A chat model on any OpenAI-compatible server, through LangChain's maintained OpenAI package:
 * chat completions with tool calls (the agent binds its tools), temperature 0 for repeatable
 * plans. The key, if any, stays inside the model object; `description` names server and model.
 */
export function openAiCompatibleChatModelFactory(options: OpenAiCompatibleChatOptions): ChatModelFactory {
  const baseURL = options.baseUrl.replace(/\/+$/, '');
  const description = `OpenAI-compatible ${options.model} at ${new URL(baseURL).host}`;
  const apiKey = options.apiKey ?? NO_KEY;
  return {
    description,
    create: () =>
      new ChatOpenAI({
        model: options.model,
        apiKey,
        temperature: 0,
        maxRetries: 2,
        timeout: options.timeoutMs,
        // Local servers implement chat completions, not OpenAI's newer Responses API.
        useResponsesApi: false,
        configuration: { baseURL },
      }),
    // Keeps JSON.stringify / util.inspect of the factory free of the key.
    toJSON: () => ({ description }),
  } as ChatModelFactory;
}
