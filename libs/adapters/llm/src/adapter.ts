import { HashingEmbedder, offlineChatModelFactory, type ChatModelFactory, type Embedder } from '@ledgerline/agent';
import { llmOptionsFromEnv, llmOptionsSchema, type LlmEnv, type LlmOptions, type LlmProvider } from './configuration.ts';

/** What the offline planner needs from the app (it is not configured by the LLM variables). */
export interface OfflinePlannerSettings {
  /** BASE_CURRENCY: the currency the planner's answers are stated in. */
  readonly baseCurrency: string;
  /** `--today`: a fixed date for relative questions. */
  readonly today?: string;
}

/** The agent's two language-model ports, as this environment configures them. */
export interface LlmAdapter {
  /** Which model chats: for branching a banner or a test, never a key. */
  readonly provider: LlmProvider;
  /** The ChatModelFactory of that provider (its `description` is the banner label). */
  readonly chatModels: ChatModelFactory;
  /** The Embedder: Gemini's with GOOGLE_API_KEY, else the local lexical hashing embedder. */
  readonly embedder: Embedder;
  /** The embedder's label for start-up banners. */
  readonly embedderDescription: string;
}

/**
 * Opens the configured chat model and embedder. Only the client library of the provider in use
 * is loaded (`@langchain/google-genai` and `@langchain/openai` are heavy, and the offline planner
 * needs neither).
 */
export async function openLlm(options: LlmOptions, offline: OfflinePlannerSettings): Promise<LlmAdapter> {
  const { chat, embeddings } = llmOptionsSchema.parse(options);
  let chatModels: ChatModelFactory;
  switch (chat.provider) {
    case 'offline':
      chatModels = offlineChatModelFactory({ baseCurrency: offline.baseCurrency, ...(offline.today ? { today: offline.today } : {}) });
      break;
    case 'gemini': {
      const { geminiChatModelFactory } = await import('./gemini/gemini-chat-model-factory.ts');
      chatModels = geminiChatModelFactory(chat);
      break;
    }
    case 'openai-compatible': {
      const { openAiCompatibleChatModelFactory } = await import('./openai-compatible/openai-compatible-chat-model-factory.ts');
      chatModels = openAiCompatibleChatModelFactory(chat);
      break;
    }
  }
  if (embeddings.kind === 'hashing') {
    const embedder = new HashingEmbedder();
    return { provider: chat.provider, chatModels, embedder, embedderDescription: `local hashing embedder (${embedder.id}, lexical)` };
  }
  const { GeminiEmbedder } = await import('./gemini/gemini-embedder.ts');
  return { provider: chat.provider, chatModels, embedder: new GeminiEmbedder(embeddings), embedderDescription: `Gemini embeddings ${embeddings.model}` };
}

/** `openLlm` as the LLM_* / GOOGLE_API_KEY / GEMINI_* variables say (see llmOptionsFromEnv); a ConfigError names what is wrong. */
export async function llmFromEnv(env: LlmEnv, offline: OfflinePlannerSettings): Promise<LlmAdapter> {
  return openLlm(llmOptionsFromEnv(env), offline);
}
