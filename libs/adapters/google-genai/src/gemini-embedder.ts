import { GoogleGenerativeAIEmbeddings } from '@langchain/google-genai';
import type { Embedder } from '@ledgerline/agent';
import type { GeminiConfig } from './gemini-config.ts';
import { withRedactedErrors } from './redact-secret.ts';

/**
 * Gemini embeddings as the agent's Embedder (semantic, unlike the local hashing embedder).
 * Failures are rethrown with the key redacted, since error texts end up in logs and answers.
 */
export class GeminiEmbedder implements Embedder {
  readonly id: string;
  readonly #apiKey: string;
  readonly #embeddings: GoogleGenerativeAIEmbeddings;

  constructor(config: Pick<GeminiConfig, 'GOOGLE_API_KEY' | 'GEMINI_EMBEDDING_MODEL'> & Partial<Pick<GeminiConfig, 'GEMINI_BASE_URL'>>) {
    this.#apiKey = config.GOOGLE_API_KEY;
    this.id = `gemini-${config.GEMINI_EMBEDDING_MODEL}`;
    this.#embeddings = new GoogleGenerativeAIEmbeddings({
      apiKey: config.GOOGLE_API_KEY,
      model: config.GEMINI_EMBEDDING_MODEL,
      ...(config.GEMINI_BASE_URL ? { baseUrl: config.GEMINI_BASE_URL } : {}),
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
