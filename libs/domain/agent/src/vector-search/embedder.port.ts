import { token } from '@ledgerline/di';

/**
 * Turns text into vectors for the VectorIndex: Gemini embeddings when keyed, else the
 * deterministic local hashing embedder (lexical, not semantic). Documents and queries must be
 * embedded by the same embedder; `id` names it so that collections are kept per embedder.
 */
export interface Embedder {
  /** Stable name of the model and its settings, e.g. `local-hash-256`, `gemini-text-embedding-004`. */
  readonly id: string;
  embedDocuments(texts: readonly string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

export const EMBEDDER = token<Embedder>('Embedder');
