// Gemini (GOOGLE_API_KEY) for the agent: chat model with tool calling, and embeddings.
export { geminiConfig, geminiConfigSchema, type GeminiConfig } from './gemini-config.ts';
export { geminiChatModelFactory } from './gemini-chat-model-factory.ts';
export { GeminiEmbedder } from './gemini-embedder.ts';
export { redactSecrets, GeminiError } from './redact-secret.ts';
