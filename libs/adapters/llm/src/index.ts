// The agent's language models (architecture §2): the offline planner, Gemini (GOOGLE_API_KEY) or
// any OpenAI-compatible server (LLM_PROVIDER=openai-compatible), and the embedder. llmFromEnv is
// the only reader of their variables; each provider's client loads only when it is configured.
export { llmFromEnv, openLlm, type LlmAdapter, type OfflinePlannerSettings } from './adapter.ts';
export {
  llmOptionsFromEnv,
  llmOptionsSchema,
  LLM_PROVIDERS,
  type ChatOptions,
  type EmbeddingOptions,
  type LlmEnv,
  type LlmOptions,
  type LlmProvider,
} from './configuration.ts';
export { GeminiError } from './gemini/redact-secret.ts';
