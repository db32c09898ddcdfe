import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openAiCompatibleChatModelFactory, openAiCompatibleConfigSchema } from './index.ts';

const KEY = 'sk-local-FAKE-0123456789';

describe('OpenAI-compatible adapter', () => {
  it('needs a base URL and a model, and names what is missing', () => {
    const result = openAiCompatibleConfigSchema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['LLM_BASE_URL', 'LLM_MODEL']);
    expect(openAiCompatibleConfigSchema.parse({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3.2' })).toEqual({
      LLM_BASE_URL: 'http://localhost:11434/v1',
      LLM_MODEL: 'llama3.2',
      LLM_TIMEOUT_MS: 120_000,
    });
  });

  it('builds a tool-calling chat model on the configured server', () => {
    const factory = openAiCompatibleChatModelFactory(openAiCompatibleConfigSchema.parse({ LLM_BASE_URL: 'http://localhost:8080/v1/', LLM_MODEL: 'qwen2.5-7b' }));
    const model = factory.create();
    expect(typeof model.bindTools).toBe('function');
    expect(factory.description).toBe('OpenAI-compatible qwen2.5-7b at localhost:8080');
  });

  it('never shows the key: description, JSON, inspection', () => {
    const factory = openAiCompatibleChatModelFactory(openAiCompatibleConfigSchema.parse({ LLM_BASE_URL: 'https://llm.example.test/v1', LLM_MODEL: 'm', LLM_API_KEY: KEY }));
    const rendered = [factory.description, JSON.stringify(factory), inspect(factory), JSON.stringify(factory.create())].join('\n');
    expect(rendered).not.toContain(KEY);
  });
});
