import { ConfigError, loadConfig } from '@ledgerline/config';
import { describe, expect, it } from 'vitest';
import { llmFromEnv, llmOptionsFromEnv, type LlmEnv } from './index.ts';

const GEMINI_KEY = 'AIzaSyFAKE-test-key-0123456789';
const OFFLINE = { baseCurrency: 'EUR' };

/** The problems of the ConfigError `env` is refused with, as `VARIABLE: message` lines. */
function refusal(env: LlmEnv): string[] {
  try {
    llmOptionsFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('llmOptionsFromEnv (the only reader of LLM_*, GOOGLE_API_KEY, GEMINI_*)', () => {
  it('defaults to the offline planner and the local embedder, and to Gemini for both when a key is set', () => {
    expect(llmOptionsFromEnv({})).toEqual({ chat: { provider: 'offline' }, embeddings: { kind: 'hashing' } });
    expect(llmOptionsFromEnv({ GOOGLE_API_KEY: GEMINI_KEY })).toEqual({
      chat: { provider: 'gemini', apiKey: GEMINI_KEY, model: 'gemini-2.5-flash' },
      embeddings: { kind: 'gemini', apiKey: GEMINI_KEY, model: 'text-embedding-004' },
    });
    // Offline by name keeps Gemini embeddings (they follow the key, whichever model chats).
    expect(llmOptionsFromEnv({ LLM_PROVIDER: 'offline', GOOGLE_API_KEY: GEMINI_KEY, GEMINI_EMBEDDING_MODEL: 'gemini-embedding-001' })).toEqual({
      chat: { provider: 'offline' },
      embeddings: { kind: 'gemini', apiKey: GEMINI_KEY, model: 'gemini-embedding-001' },
    });
  });

  it('reads an OpenAI-compatible server with its model, key and timeout', () => {
    expect(llmOptionsFromEnv({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'qwen2.5:7b-instruct', LLM_API_KEY: 'sk-x', LLM_TIMEOUT_MS: 5000 })).toEqual({
      chat: { provider: 'openai-compatible', baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b-instruct', apiKey: 'sk-x', timeoutMs: 5000 },
      embeddings: { kind: 'hashing' },
    });
  });

  it('agrees with loadConfig: what the app hands over parses to the same defaults', () => {
    const env = loadConfig({ env: { GOOGLE_API_KEY: GEMINI_KEY }, dotenvPath: false });
    expect(llmOptionsFromEnv(env)).toEqual(llmOptionsFromEnv({ GOOGLE_API_KEY: GEMINI_KEY }));
  });

  it('refuses a provider named without what it needs, naming each variable', () => {
    expect(refusal({ LLM_PROVIDER: 'gemini' })).toEqual(['GOOGLE_API_KEY: LLM_PROVIDER=gemini needs a Gemini API key']);
    expect(refusal({ LLM_PROVIDER: 'openai-compatible' })).toEqual([
      "LLM_BASE_URL: LLM_PROVIDER=openai-compatible needs the server's base URL, e.g. http://localhost:11434/v1",
      'LLM_MODEL: LLM_PROVIDER=openai-compatible needs the model name the server serves, e.g. qwen2.5:7b-instruct',
    ]);
    // An empty value is unset, as in loadConfig: it does not satisfy the provider.
    expect(refusal({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: '' })).toEqual([
      'LLM_MODEL: LLM_PROVIDER=openai-compatible needs the model name the server serves, e.g. qwen2.5:7b-instruct',
    ]);
  });

  it('refuses bad values with the variable and what is expected', () => {
    expect(refusal({ LLM_PROVIDER: 'ollama' as never })).toEqual(['LLM_PROVIDER: LLM_PROVIDER must be one of offline, gemini, openai-compatible']);
    expect(refusal({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' })).toEqual([
      "LLM_BASE_URL: LLM_BASE_URL must be the server's OpenAI-compatible base URL, e.g. http://localhost:11434/v1",
    ]);
    expect(refusal({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'ftp://h/v1', LLM_MODEL: 'm' })).toEqual([
      "LLM_BASE_URL: LLM_BASE_URL must be the server's OpenAI-compatible base URL, e.g. http://localhost:11434/v1",
    ]);
    expect(refusal({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://h/v1', LLM_MODEL: 'm', LLM_TIMEOUT_MS: 10 })).toEqual(['LLM_TIMEOUT_MS: LLM_TIMEOUT_MS must be at least 1000 (ms)']);
    expect(refusal({ GOOGLE_API_KEY: GEMINI_KEY, GEMINI_BASE_URL: 'not a url' })).toEqual(['GEMINI_BASE_URL: GEMINI_BASE_URL must be a URL (a gateway in front of the Gemini API)']);
  });

  it('refuses an OpenAI-compatible setting that another provider would silently ignore', () => {
    // Before: LLM_BASE_URL and LLM_MODEL without LLM_PROVIDER gave the offline planner, unannounced.
    expect(refusal({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.2' })).toEqual([
      'LLM_BASE_URL: is a setting of LLM_PROVIDER=openai-compatible, but the provider is offline (LLM_PROVIDER unset): set LLM_PROVIDER=openai-compatible or unset LLM_BASE_URL',
      'LLM_MODEL: is a setting of LLM_PROVIDER=openai-compatible, but the provider is offline (LLM_PROVIDER unset): set LLM_PROVIDER=openai-compatible or unset LLM_MODEL',
    ]);
    expect(refusal({ LLM_PROVIDER: 'gemini', GOOGLE_API_KEY: GEMINI_KEY, LLM_MODEL: 'gemini-2.5-pro' })).toEqual([
      'LLM_MODEL: is a setting of LLM_PROVIDER=openai-compatible, but the provider is gemini: set LLM_PROVIDER=openai-compatible or unset LLM_MODEL',
    ]);
  });

  it('never quotes a key in a refusal', () => {
    const lines = refusal({ LLM_PROVIDER: 'gemini', GOOGLE_API_KEY: GEMINI_KEY, LLM_API_KEY: 'sk-secret-0123', GEMINI_BASE_URL: 'nope' }).join('\n');
    expect(lines).not.toContain(GEMINI_KEY);
    expect(lines).not.toContain('sk-secret-0123');
  });
});

describe('llmFromEnv', () => {
  it('opens the offline planner and the hashing embedder without loading a client', async () => {
    const llm = await llmFromEnv({}, { baseCurrency: 'EUR', today: '2026-03-31' });
    expect(llm.provider).toBe('offline');
    expect(llm.chatModels.description).toBe('offline planner (deterministic, today = 2026-03-31)');
    expect(llm.embedderDescription).toBe(`local hashing embedder (${llm.embedder.id}, lexical)`);
  });

  it('opens the named provider, labelled without its key', async () => {
    const gemini = await llmFromEnv({ GOOGLE_API_KEY: GEMINI_KEY, GEMINI_MODEL: 'gemini-2.5-pro' }, OFFLINE);
    expect([gemini.provider, gemini.chatModels.description, gemini.embedderDescription, gemini.embedder.id]).toEqual(['gemini', 'Gemini gemini-2.5-pro', 'Gemini embeddings text-embedding-004', 'gemini-text-embedding-004']);
    const local = await llmFromEnv({ LLM_PROVIDER: 'openai-compatible', LLM_BASE_URL: 'http://localhost:8080/v1/', LLM_MODEL: 'qwen2.5-7b', LLM_API_KEY: 'sk-local-0123' }, OFFLINE);
    expect([local.provider, local.chatModels.description]).toEqual(['openai-compatible', 'OpenAI-compatible qwen2.5-7b at localhost:8080']);
    expect(JSON.stringify([gemini.chatModels, gemini.embedder, local.chatModels])).not.toMatch(/AIzaSy|sk-local/);
  });

  it('refuses before opening anything', async () => {
    await expect(llmFromEnv({ LLM_PROVIDER: 'gemini' }, OFFLINE)).rejects.toThrow(/GOOGLE_API_KEY: LLM_PROVIDER=gemini needs a Gemini API key/);
  });
});
