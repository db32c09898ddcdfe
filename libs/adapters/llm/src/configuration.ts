import { z } from 'zod';
import { ConfigError, type LedgerlineEnv } from '@ledgerline/config';

/** The environment variables the LLM adapter reads (names and meaning in .env.example). */
export type LlmEnv = Partial<
  Pick<
    LedgerlineEnv,
    'LLM_PROVIDER' | 'LLM_BASE_URL' | 'LLM_MODEL' | 'LLM_API_KEY' | 'LLM_TIMEOUT_MS' | 'GOOGLE_API_KEY' | 'GEMINI_BASE_URL' | 'GEMINI_MODEL' | 'GEMINI_EMBEDDING_MODEL'
  >
>;

export const LLM_PROVIDERS = ['offline', 'gemini', 'openai-compatible'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

const text = z.string().trim().min(1);

/** Which chat model the agent plans with, and what that model needs. */
export const chatOptionsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('offline') }),
  z.object({
    provider: z.literal('gemini'),
    apiKey: text,
    model: text.default('gemini-2.5-flash'),
    /** A gateway or proxy in front of the Gemini API (and the wire tests' recorded server). */
    baseUrl: z.url().optional(),
  }),
  z.object({
    /** Any server speaking OpenAI's chat completions with tool calls: Ollama, llama.cpp, vLLM, LM Studio, OpenAI. */
    provider: z.literal('openai-compatible'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    model: text,
    /** Local servers need none. */
    apiKey: text.optional(),
    timeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
  }),
]);
export type ChatOptions = z.output<typeof chatOptionsSchema>;

/** Which embedder indexes and searches documents: Gemini's with its key, else the local lexical one. */
export const embeddingOptionsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hashing') }),
  z.object({ kind: z.literal('gemini'), apiKey: text, model: text.default('text-embedding-004'), baseUrl: z.url().optional() }),
]);
export type EmbeddingOptions = z.output<typeof embeddingOptionsSchema>;

export const llmOptionsSchema = z.object({ chat: chatOptionsSchema, embeddings: embeddingOptionsSchema });
export type LlmOptions = z.input<typeof llmOptionsSchema>;

// The variables as the adapter validates them (loadConfig already turned '' into unset).
const llmEnvSchema = z.object({
  LLM_PROVIDER: z.enum(LLM_PROVIDERS, { message: `LLM_PROVIDER must be one of ${LLM_PROVIDERS.join(', ')}` }).optional(),
  LLM_BASE_URL: z.url({ protocol: /^https?$/, message: "LLM_BASE_URL must be the server's OpenAI-compatible base URL, e.g. http://localhost:11434/v1" }).optional(),
  LLM_MODEL: text.optional(),
  LLM_API_KEY: text.optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000, 'LLM_TIMEOUT_MS must be at least 1000 (ms)').max(600_000, 'LLM_TIMEOUT_MS must be at most 600000 (ms)').optional(),
  GOOGLE_API_KEY: text.optional(),
  GEMINI_BASE_URL: z.url({ message: 'GEMINI_BASE_URL must be a URL (a gateway in front of the Gemini API)' }).optional(),
  GEMINI_MODEL: text.optional(),
  GEMINI_EMBEDDING_MODEL: text.optional(),
});

// Settings of the OpenAI-compatible provider: set with another provider they would be ignored
// silently, and the user would get a different model than the one they named.
const OPENAI_ONLY = ['LLM_BASE_URL', 'LLM_MODEL', 'LLM_API_KEY'] as const;

/**
 * The one reading of the LLM variables: LLM_PROVIDER, or by default Gemini when GOOGLE_API_KEY
 * is set and the offline planner otherwise; embeddings follow the key whichever model chats.
 * A provider named without what it needs, or a setting of a provider not chosen, is a
 * ConfigError naming every variable at fault - never a silent fall-back to another model.
 */
export function llmOptionsFromEnv(env: LlmEnv): z.output<typeof llmOptionsSchema> {
  const parsed = llmEnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'LLM_PROVIDER'), message: issue.message })));
  }
  const vars = parsed.data;
  const provider: LlmProvider = vars.LLM_PROVIDER ?? (vars.GOOGLE_API_KEY ? 'gemini' : 'offline');
  const problems: Array<{ variable: string; message: string }> = [];
  if (provider === 'gemini' && !vars.GOOGLE_API_KEY) problems.push({ variable: 'GOOGLE_API_KEY', message: 'LLM_PROVIDER=gemini needs a Gemini API key' });
  if (provider === 'openai-compatible') {
    if (!vars.LLM_BASE_URL) problems.push({ variable: 'LLM_BASE_URL', message: "LLM_PROVIDER=openai-compatible needs the server's base URL, e.g. http://localhost:11434/v1" });
    if (!vars.LLM_MODEL) problems.push({ variable: 'LLM_MODEL', message: 'LLM_PROVIDER=openai-compatible needs the model name the server serves, e.g. qwen2.5:7b-instruct' });
  } else {
    for (const variable of OPENAI_ONLY) {
      if (vars[variable] !== undefined) {
        problems.push({ variable, message: `is a setting of LLM_PROVIDER=openai-compatible, but the provider is ${provider}${vars.LLM_PROVIDER ? '' : ' (LLM_PROVIDER unset)'}: set LLM_PROVIDER=openai-compatible or unset ${variable}` });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const gemini = vars.GOOGLE_API_KEY
    ? { apiKey: vars.GOOGLE_API_KEY, ...(vars.GEMINI_BASE_URL ? { baseUrl: vars.GEMINI_BASE_URL } : {}) }
    : undefined;
  const chat =
    provider === 'offline'
      ? { provider }
      : provider === 'gemini'
        ? { provider, ...gemini, ...(vars.GEMINI_MODEL ? { model: vars.GEMINI_MODEL } : {}) }
        : {
            provider,
            baseUrl: vars.LLM_BASE_URL,
            model: vars.LLM_MODEL,
            ...(vars.LLM_API_KEY ? { apiKey: vars.LLM_API_KEY } : {}),
            ...(vars.LLM_TIMEOUT_MS ? { timeoutMs: vars.LLM_TIMEOUT_MS } : {}),
          };
  const embeddings = gemini ? { kind: 'gemini' as const, ...gemini, ...(vars.GEMINI_EMBEDDING_MODEL ? { model: vars.GEMINI_EMBEDDING_MODEL } : {}) } : { kind: 'hashing' as const };
  return llmOptionsSchema.parse({ chat, embeddings });
}

/** `FOO=` means unset here as in loadConfig, for callers that hand over a raw environment. */
function stripEmpty(env: LlmEnv): Record<string, unknown> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
}
