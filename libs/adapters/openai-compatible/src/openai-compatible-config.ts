import { z } from 'zod';

/**
 * The environment this adapter reads (a subset of LedgerlineEnv): any server speaking OpenAI's
 * chat-completions protocol with tool calls - Ollama (`http://localhost:11434/v1`), a llama.cpp
 * server (`http://localhost:8080/v1`), vLLM, LM Studio, or OpenAI itself.
 */
export const openAiCompatibleConfigSchema = z.object({
  LLM_BASE_URL: z.url({ message: 'LLM_BASE_URL must be the server\'s OpenAI-compatible base URL, e.g. http://localhost:11434/v1' }),
  LLM_MODEL: z.string().trim().min(1, 'LLM_MODEL must name the model the server serves (e.g. qwen2.5:7b-instruct)'),
  // Local servers need none; the client library insists on a value, so a placeholder is sent.
  LLM_API_KEY: z.string().trim().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
});
export type OpenAiCompatibleConfig = z.output<typeof openAiCompatibleConfigSchema>;
