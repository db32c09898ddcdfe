import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@ledgerline/logging';
import { geminiChatModelFactory } from './gemini-chat-model-factory.ts';
import { GeminiEmbedder } from './gemini-embedder.ts';
import { GeminiError, redactSecrets } from './redact-secret.ts';

// A made-up key: no network is used by these tests (fetch is replaced where a call is made).
const KEY = 'AIzaSyFAKE-test-key-0123456789';
const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('Gemini adapter', () => {
  it('builds a tool-calling chat model for the configured model', () => {
    const factory = geminiChatModelFactory({ apiKey: KEY, model: 'gemini-2.5-pro' });
    const model = factory.create();
    expect(model._llmType()).toMatch(/google/i);
    expect(typeof model.bindTools).toBe('function');
    expect(factory.description).toBe('Gemini gemini-2.5-pro');
  });

  it('never shows the key: descriptions, JSON, inspection, logs', () => {
    const factory = geminiChatModelFactory({ apiKey: KEY, model: 'gemini-2.5-flash' });
    const embedder = new GeminiEmbedder({ apiKey: KEY, model: 'text-embedding-004' });
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l), format: 'json' });
    logger.info('agent model', { model: factory.description, embedder: embedder.id, factory, embedderObject: embedder });
    const rendered = [factory.description, embedder.id, JSON.stringify(factory), JSON.stringify(embedder), inspect(embedder), JSON.stringify(factory.create()), ...lines].join('\n');
    expect(rendered).not.toContain(KEY);
    expect(embedder.id).toBe('gemini-text-embedding-004');
  });

  it('redacts the key from errors of the embeddings API', async () => {
    let called = 0;
    globalThis.fetch = (async () => {
      called += 1;
      return new Response(JSON.stringify({ error: { code: 400, message: `API key not valid: ${KEY}`, status: 'INVALID_ARGUMENT' } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    const embedder = new GeminiEmbedder({ apiKey: KEY, model: 'text-embedding-004' });
    const error = await embedder.embedQuery('coffee').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(called).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(GeminiError);
    expect(String((error as Error).message)).not.toContain(KEY);
    expect(String((error as Error).message)).toMatch(/Gemini embeddings failed/);
  });

  it('redactSecrets handles plain and URL-encoded forms', () => {
    expect(redactSecrets(`a ${KEY} b ${encodeURIComponent('k+/=y')}`, [KEY, 'k+/=y'])).toBe('a [redacted] b [redacted]');
  });
});
