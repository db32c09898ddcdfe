import { GoogleGenerativeAIEmbeddings } from '@langchain/google-genai';
import type { Embedder } from '@ledgerline/agent';
import type { EmbeddingOptions } from '../configuration.ts';
import { withRedactedErrors } from './redact-secret.ts';

export type GeminiEmbeddingOptions = Omit<Extract<EmbeddingOptions, { kind: 'gemini' }>, 'kind'>;

/**
 * Gemini embeddings as the agent's Embedder (semantic, unlike the local hashing embedder).
 * Failures are rethrown with the key redacted, since error texts end up in logs and answers.
 */
export class GeminiEmbedder implements Embedder {
  readonly id: string;
  readonly #apiKey: string;
  readonly #embeddings: GoogleGenerativeAIEmbeddings;

  constructor(options: GeminiEmbeddingOptions) {
    this.#apiKey = options.apiKey;
    this.id = `gemini-${options.model}`;
    this.#embeddings = new GoogleGenerativeAIEmbeddings({
      apiKey: options.apiKey,
      model: options.model,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    });
  }

  embedDocuments(texts: readonly string[]): Promise<number[][]> {
    return withRedactedErrors(this.#apiKey, 'Gemini embeddings', () => this.#embeddings.embedDocuments([...texts]));
  }

  embedQuery(text: string): Promise<number[]> {
    return withRedactedErrors(this.#apiKey, 'Gemini embeddings', () => this.#embeddings.embedQuery(text));
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }
}
