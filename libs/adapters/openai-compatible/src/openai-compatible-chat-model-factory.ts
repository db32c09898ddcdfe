import { ChatOpenAI } from '@langchain/openai';
import type { ChatModelFactory } from '@ledgerline/agent';
import type { OpenAiCompatibleConfig } from './openai-compatible-config.ts';

// Sent when no key is configured: local servers ignore the header, the client requires one.
const NO_KEY = 'not-needed';

/**
 * A chat model on any OpenAI-compatible server, through LangChain's maintained OpenAI package:
 * chat completions with tool calls (the agent binds its tools), temperature 0 for repeatable
 * plans. The key, if any, stays inside the model object; `description` names server and model.
 */
export function openAiCompatibleChatModelFactory(config: OpenAiCompatibleConfig): ChatModelFactory {
  const baseURL = config.LLM_BASE_URL.replace(/\/+$/, '');
  const description = `OpenAI-compatible ${config.LLM_MODEL} at ${new URL(baseURL).host}`;
  const apiKey = config.LLM_API_KEY ?? NO_KEY;
  return {
    description,
    create: () =>
      new ChatOpenAI({
        model: config.LLM_MODEL,
        apiKey,
        temperature: 0,
        maxRetries: 2,
        timeout: config.LLM_TIMEOUT_MS,
        // Local servers implement chat completions, not OpenAI's newer Responses API.
        useResponsesApi: false,
        configuration: { baseURL },
      }),
    // Keeps JSON.stringify / util.inspect of the factory free of the key.
    toJSON: () => ({ description }),
  } as ChatModelFactory;
}
