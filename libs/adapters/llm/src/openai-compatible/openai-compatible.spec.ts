import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openAiCompatibleChatModelFactory } from './openai-compatible-chat-model-factory.ts';

const KEY = 'sk-local-FAKE-0123456789';

describe('OpenAI-compatible adapter', () => {
  it('builds a tool-calling chat model on the configured server', () => {
    const factory = openAiCompatibleChatModelFactory({ baseUrl: 'http://localhost:8080/v1/', model: 'qwen2.5-7b', timeoutMs: 120_000 });
    const model = factory.create();
    expect(typeof model.bindTools).toBe('function');
    expect(factory.description).toBe('OpenAI-compatible qwen2.5-7b at localhost:8080');
  });

  it('never shows the key: description, JSON, inspection', () => {
    const factory = openAiCompatibleChatModelFactory({ baseUrl: 'https://llm.example.test/v1', model: 'm', apiKey: KEY, timeoutMs: 120_000 });
    const rendered = [factory.description, JSON.stringify(factory), inspect(factory), JSON.stringify(factory.create())].join('\n');
    expect(rendered).not.toContain(KEY);
  });
});
