// OpenAI-compatible chat servers (Ollama, llama.cpp, vLLM, LM Studio, OpenAI) for the agent.
export { openAiCompatibleConfigSchema, type OpenAiCompatibleConfig } from './openai-compatible-config.ts';
export { openAiCompatibleChatModelFactory } from './openai-compatible-chat-model-factory.ts';
